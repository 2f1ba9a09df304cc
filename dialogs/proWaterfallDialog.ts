/**
 * A WaterfallDialog that remembers what each step received (minus typed text, see storableInput)
 * and which steps asked a question, so "atrás" (previous question) and a language switch can run a
 * question's step again. A step that asks from typed text keeps what it needs (ids, codes) in
 * `step.values`, since the text itself is not kept.
 */
import { createHash } from 'node:crypto';
import { DialogContext, DialogInstance, DialogReason, DialogTurnResult, DialogTurnStatus, Prompt, WaterfallDialog, WaterfallStep, WaterfallStepContext } from 'botbuilder-dialogs';

const INPUTS = '_stepInputs';
/** About 1 km: enough to list services near someone again, not enough to place their home. */
const COORDINATE_DECIMALS = 2;
const COORDINATE_KEYS = new Set(['lat', 'lon', 'latitude', 'longitude']);

/**
 * What is kept of a step's input: never what the person typed (`text`), and coordinates only
 * rounded. Ids, kinds and codes stay, which is all a step needs to ask its question again.
 */
export function storableInput(input: unknown): unknown {
  if (Array.isArray(input)) return input.map(storableInput);
  if (!input || typeof input !== 'object') return input;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (key === 'text') continue;
    kept[key] = COORDINATE_KEYS.has(key) && typeof value === 'number' ? roundCoordinate(value) : storableInput(value);
  }
  return kept;
}

export function roundCoordinate(value: number): number {
  const factor = 10 ** COORDINATE_DECIMALS;
  return Math.round(value * factor) / factor;
}
const ASKED = '_askedSteps';
/** The flow's version when this instance started (see savedVersion). */
const VERSION = '_flowVersion';

interface WaterfallState {
  stepIndex: number;
  values: Record<string, unknown>;
}

/** What an instance saves of a flow's version ("healthFlow:11:bound captureKnown,…"): its id and a 12-character hash. */
export function savedFlowVersion(version: string): string {
  const id = version.slice(0, version.indexOf(':'));
  return `${id}:${createHash('sha256').update(version).digest('base64url').slice(0, 12)}`;
}

export class ProWaterfallDialog<O extends object = {}> extends WaterfallDialog<O> {
  /** Step names in order ("bound askNeed"…): the flow's shape, for getVersion(). */
  private readonly stepNames: string[] = [];
  /** savedVersion(), made once (steps are added before the first turn). */
  private short?: string;

  constructor(dialogId: string, steps: WaterfallStep<O>[] = []) {
    super(dialogId, steps);
    this.stepNames.push(...steps.map((step) => step.name));
  }

  override addStep(step: WaterfallStep<O>): this {
    this.stepNames.push(step.name);
    this.short = undefined;
    return super.addStep(step);
  }

  /**
   * Changes when steps are added, removed, renamed or reordered (botbuilder's default counts steps
   * only), so a conversation saved at a step of an older flow is noticed after a deploy (staleDialogs.ts).
   */
  override getVersion(): string {
    return `${this.id}:${this.stepNames.length}:${this.stepNames.join(',')}`;
  }

  /**
   * The version as saved with each instance: getVersion() hashed to 12 characters, as the whole
   * string (up to 300 characters a flow) would be read, parsed, compared and written with the
   * person's document every turn. getVersion() itself stays whole: botbuilder hashes it into the
   * version each theme keeps, which must not change when nothing else did.
   */
  private savedVersion(): string {
    return (this.short ??= savedFlowVersion(this.getVersion()));
  }

  /**
   * Counts `step` as a question for "atrás" although it asked nothing: its answer came from what the
   * person had already written, so going back must ask it for real.
   */
  static countAsAsked(step: WaterfallStepContext): void {
    const asked = ((step.values as Record<string, unknown>)[ASKED] ??= []) as number[];
    if (asked[asked.length - 1] !== step.index) asked.push(step.index);
  }

  /** Whether a saved instance of this flow was started by code whose steps differ from this one's. */
  startedWithOtherVersion(instance: DialogInstance): boolean {
    const saved = (instance.state as Partial<WaterfallState> | undefined)?.values?.[VERSION];
    // Instances saved before the version was hashed hold it whole.
    return typeof saved === 'string' && saved !== this.savedVersion() && saved !== this.getVersion();
  }

  protected override async onStep(step: WaterfallStepContext<O>): Promise<DialogTurnResult> {
    const values = step.values as Record<string, unknown>;
    values[VERSION] ??= this.savedVersion();
    const inputs = (values[INPUTS] ??= {}) as Record<number, unknown>;
    inputs[step.index] = storableInput(step.result);
    const askedBefore = ((values[ASKED] ?? []) as number[]).length;
    const result = await super.onStep(step);
    // A step that left a prompt open asked a question (a step that began a child dialog did not,
    // nor did a step that went on with step.next() to a later step that asked).
    // The dialog stack's top is its last element.
    const top = step.stack[step.stack.length - 1];
    const below = step.stack[step.stack.length - 2];
    if (result.status === DialogTurnStatus.waiting && top && step.findDialog(top.id) instanceof Prompt && below?.id === this.id) {
      const asked = (values[ASKED] ??= []) as number[];
      if (asked.length === askedBefore && asked[asked.length - 1] !== step.index) asked.push(step.index);
    }
    return result;
  }

  /**
   * Asks again the question `offset` questions back from the one waiting (0 = the same one).
   * `dc.activeDialog` must be this waterfall. Returns undefined when there is no such question.
   */
  async askAgain(dc: DialogContext, offset: number): Promise<DialogTurnResult | undefined> {
    const state = dc.activeDialog?.state as WaterfallState | undefined;
    if (!state) return undefined;
    const asked = (state.values[ASKED] ?? []) as number[];
    const position = asked.length - 1 + offset;
    if (position < 0 || position >= asked.length) return undefined;
    const step = asked[position];
    state.values[ASKED] = asked.slice(0, position);
    const inputs = (state.values[INPUTS] ?? {}) as Record<number, unknown>;
    state.stepIndex = step - 1;
    return this.resumeDialog(dc, DialogReason.nextCalled, inputs[step]);
  }
}
