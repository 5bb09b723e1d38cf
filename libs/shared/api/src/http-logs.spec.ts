import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { CORRELATION_ID_HEADER, REQUEST_ID_HEADER, headerId } from '@lianjian/auth';
import { httpLogOptions } from './http-logs';

// The JSON lines a subgraph writes (the pino-http options its nestjs-pino module uses) for a request that carries
// personal data and credentials.

const lines: Array<Record<string, unknown>> = [];
const destination = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as never);
    done();
  },
});

const PERSONAL = '张三 110101199003077777';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.secret-token';

describe('subgraph request logs', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const log = pinoHttp(httpLogOptions('test', 'info'), destination);
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      log(req, res);
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        // what the application writes while handling the request, as nestjs-pino's logger does
        req.log.info({ body: JSON.parse(body) as unknown }, 'registering a member');
        res.statusCode = req.url === '/health' ? 200 : 201;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => lines.splice(0));

  const post = (headers: Record<string, string>, path = '/graphql') =>
    fetch(`${url}${path}?name=${encodeURIComponent(PERSONAL)}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${TOKEN}`,
        'x-lianjian-caller': TOKEN,
        cookie: `session=${TOKEN}`,
        ...headers,
      },
      body: JSON.stringify({ query: 'mutation { register }', variables: { name: PERSONAL } }),
    });

  it('writes a JSON line per request with its request and correlation ids, never the body, query or secrets', async () => {
    const response = await post({ [REQUEST_ID_HEADER]: 'req-1', [CORRELATION_ID_HEADER]: 'corr-1' });
    expect(response.status).toBe(201);
    expect(response.headers.get(REQUEST_ID_HEADER)).toBe('req-1');
    expect(response.headers.get(CORRELATION_ID_HEADER)).toBe('corr-1');

    const completed = lines.find((l) => l['msg'] === 'request completed');
    expect(completed).toMatchObject({
      level: 30,
      service: 'test',
      reqId: 'req-1',
      correlationId: 'corr-1',
      req: { method: 'POST', path: '/graphql' },
      res: { statusCode: 201 },
    });
    expect(Object.keys(completed!['req'] as object).sort()).toEqual(['method', 'path']);
    // a line the application writes while handling the request carries the same ids, and loses the body it tried
    expect(lines.find((l) => l['msg'] === 'registering a member')).toEqual(
      expect.objectContaining({ reqId: 'req-1', correlationId: 'corr-1' }),
    );
    expect(lines.find((l) => l['msg'] === 'registering a member')).not.toHaveProperty('body');
    const written = lines.map((l) => JSON.stringify(l)).join('\n');
    expect(written).not.toContain('110101199003077777');
    expect(written).not.toContain(encodeURIComponent(PERSONAL));
    expect(written).not.toContain('secret-token');
    expect(written).not.toMatch(/authorization|cookie|x-lianjian-caller|variables|"body"/i);
  });

  it('makes a request id when none (or a malformed one) comes, and correlates by it', async () => {
    const response = await post({ [REQUEST_ID_HEADER]: 'not an id {"level":60}' });
    const id = response.headers.get(REQUEST_ID_HEADER);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get(CORRELATION_ID_HEADER)).toBe(id);
    expect(lines.find((l) => l['msg'] === 'request completed')).toMatchObject({ reqId: id, correlationId: id });
  });

  it('does not log the probes (health, metrics) request by request', async () => {
    await post({}, '/health');
    expect(lines.filter((l) => l['msg'] === 'request completed')).toEqual([]);
  });

  it('accepts only short ids of letters, digits and . _ : -', () => {
    expect(headerId('3f1c-9a.b_c:d')).toBe('3f1c-9a.b_c:d');
    expect(headerId(['first', 'second'])).toBe('first');
    expect(headerId('with space')).toBeNull();
    expect(headerId('x'.repeat(129))).toBeNull();
    expect(headerId(undefined)).toBeNull();
  });
});
