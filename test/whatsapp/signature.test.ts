import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { signPayload, verifySignature } from '../../bot/channels/whatsapp/signature';
import { PayloadTooLargeError, readRawBody } from '../../bot/channels/whatsapp/rawBody';

const SECRET = 'app-secret';

describe('verifySignature', () => {
  const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');

  it('accepts the signature Meta would send', () => {
    expect(verifySignature(body, signPayload(body, SECRET), SECRET)).toBe('valid');
  });

  it('accepts upper-case hex and a header given as an array', () => {
    const header = `sha256=${signPayload(body, SECRET).slice('sha256='.length).toUpperCase()}`;
    expect(verifySignature(body, [header], SECRET)).toBe('valid');
  });

  it('reports a missing or empty header as missing', () => {
    expect(verifySignature(body, undefined, SECRET)).toBe('missing');
    expect(verifySignature(body, '', SECRET)).toBe('missing');
  });

  it('rejects a wrong secret, a changed body and malformed headers', () => {
    expect(verifySignature(body, signPayload(body, 'other-secret'), SECRET)).toBe('invalid');
    expect(verifySignature(Buffer.concat([body, Buffer.from(' ')]), signPayload(body, SECRET), SECRET)).toBe('invalid');
    expect(verifySignature(body, 'sha256=abc', SECRET)).toBe('invalid');
    expect(verifySignature(body, signPayload(body, SECRET).replace('sha256=', 'sha1='), SECRET)).toBe('invalid');
  });

  it('verifies accented text over the raw bytes, in either encoding Meta may use', () => {
    // Meta signs its own serialization, with non-ASCII escaped as \uXXXX; hashing what arrived works.
    const escaped = Buffer.from('{"text":{"body":"Jos\\u00e9 en Bogot\\u00e1"}}');
    const utf8 = Buffer.from('{"text":{"body":"José en Bogotá"}}', 'utf8');
    expect(verifySignature(escaped, signPayload(escaped, SECRET), SECRET)).toBe('valid');
    expect(verifySignature(utf8, signPayload(utf8, SECRET), SECRET)).toBe('valid');
    // Re-serializing the parsed JSON changes the bytes, so that signature would not match.
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(escaped.toString())));
    expect(verifySignature(reserialized, signPayload(escaped, SECRET), SECRET)).toBe('invalid');
  });
});

function fakeRequest(headers: Record<string, string> = {}): PassThrough & IncomingMessage {
  const stream = new PassThrough() as PassThrough & IncomingMessage;
  Object.assign(stream, { headers });
  return stream;
}

describe('readRawBody', () => {
  it('returns the exact bytes', async () => {
    const req = fakeRequest();
    const promise = readRawBody(req, 1024);
    req.write(Buffer.from('{"a":"é'));
    req.end(Buffer.from('"}'));
    expect((await promise).toString('utf8')).toBe('{"a":"é"}');
  });

  it('rejects at once when Content-Length is over the limit', async () => {
    const req = fakeRequest({ 'content-length': '2048' });
    await expect(readRawBody(req, 1024)).rejects.toBeInstanceOf(PayloadTooLargeError);
  });

  it('rejects a streamed body as soon as it passes the limit', async () => {
    const req = fakeRequest();
    const promise = readRawBody(req, 10);
    req.write(Buffer.alloc(8));
    req.write(Buffer.alloc(8));
    await expect(promise).rejects.toMatchObject({ name: 'PayloadTooLargeError', limitBytes: 10, receivedBytes: 16 });
    req.end();
  });

  it('uses the raw copy when a body reader already consumed the stream', async () => {
    const req = fakeRequest();
    req.resume();
    req.end();
    await new Promise((resolve) => req.on('end', resolve));
    Object.assign(req, { rawBody: '{"kept":true}' });
    expect((await readRawBody(req, 1024)).toString()).toBe('{"kept":true}');
  });
});
