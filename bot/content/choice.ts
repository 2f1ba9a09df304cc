/**
 * A choice the bot offers: prompts show it, WhatsApp sends it as a reply button or list row, and the
 * choice matcher reads a typed answer against it. One shape everywhere, so a choice read from content
 * reaches the channel and the matcher unchanged.
 */

/** The texts of a choice as a content file holds them; `title` is shown on a WhatsApp button/list row. */
export interface ChoiceText {
  title: string;
  /** Shown under the title on WhatsApp list rows; its words count half when matching. */
  description?: string;
  /** Extra words a person may type to pick this choice. */
  synonyms?: string[];
}

/** A choice with its stable id: what a tapped button or list row sends back as the answer. */
export interface Choice extends ChoiceText {
  id: string;
}
