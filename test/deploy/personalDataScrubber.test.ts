/** What the span scrubber leaves of URLs, span names and attributes (bot/telemetry/personalDataScrubber.ts). */
import { PersonalDataScrubber, scrubText } from '../../bot/telemetry/personalDataScrubber';

describe('personal data scrubber', () => {
  it.each([
    ['GET /api/whatsapp?hub.mode=subscribe&hub.verify_token=s3cret&hub.challenge=1', 'GET /api/whatsapp'],
    ['https://acct.documents.azure.com/dbs/probot/colls/botstate/docs/3f9a0c?x=1#f', 'https://acct.documents.azure.com/dbs/probot/colls/botstate/docs/:id'],
    ['https://smba.trafficmanager.net/amer/v3/conversations/a:1Xy/activities/9f2', 'https://smba.trafficmanager.net/amer/v3/conversations/:id/activities/:id'],
    ['https://graph.facebook.com/v23.0/106540352242922/messages', 'https://graph.facebook.com/v23.0/[number]/messages'],
    ['could not reach +57 300 123 4567 or 3.001.234.567', 'could not reach [number] or [number]'],
    ['10.0.4.17:443', '10.0.4.17:443'],
  ])('%s → %s', (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it('rewrites an ended span: name, attributes (client addresses and query dropped) and event attributes', () => {
    const span = {
      name: 'GET /api/whatsapp?hub.verify_token=s3cret',
      attributes: { 'url.full': 'http://bot/api/whatsapp?hub.verify_token=s3cret', 'url.query': 'hub.verify_token=s3cret', 'client.address': '203.0.113.9', 'http.response.status_code': 200, tags: ['573001234567'] },
      events: [{ name: 'exception', attributes: { 'exception.message': 'undeliverable to 573001234567' } }],
    };
    new PersonalDataScrubber().onEnd(span);
    expect(span).toEqual({
      name: 'GET /api/whatsapp',
      attributes: { 'url.full': 'http://bot/api/whatsapp', 'http.response.status_code': 200, tags: ['[number]'] },
      events: [{ name: 'exception', attributes: { 'exception.message': 'undeliverable to [number]' } }],
    });
  });
});
