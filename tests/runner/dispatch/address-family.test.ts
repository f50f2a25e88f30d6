import { afterAll, describe, expect, test } from '@jest/globals';
import type { AddressFamilyMode } from '../../../experiments/schema/index.js';
import { type FamilyChoices, narrowToFamily } from '../../../runner/dispatch/address-family.js';
import {
  createAgentPool,
  createRunClock,
  type DispatchContext,
  dispatchBurst,
  type HostAddress,
  type HostResolver,
  type ProbeRequest,
  systemResolver,
} from '../../../runner/dispatch/index.js';
import type { Resolution } from '../../../runner/dispatch/resolve-host.js';
import { startScriptServer } from './script-server.js';

const clock = createRunClock();
const agents = createAgentPool();
afterAll(() => agents.destroy());

const v4: HostAddress = { address: '127.0.0.1', family: 4 };
const v6: HostAddress = { address: '::1', family: 6 };
const resolved = (...addresses: HostAddress[]): Resolution => ({ ok: true, addresses, dnsMs: 1 });

const request = (url: string, addressFamily?: AddressFamilyMode): ProbeRequest => ({
  url,
  token: 'tok-0123456789abcdef',
  payload: null,
  connection: 'fresh',
  timeoutMs: 5000,
  ...(addressFamily === undefined ? {} : { addressFamily }),
});

describe('narrowToFamily', () => {
  test('ipv4 and ipv6 keep their own family, in the resolver\'s order', () => {
    const mixed = resolved({ address: '2001:db8::1', family: 6 }, { address: '192.0.2.1', family: 4 }, { address: '192.0.2.2', family: 4 });
    expect(narrowToFamily('fn.test', mixed, 'ipv4', new Map())).toEqual({
      ok: true, family: 4, dnsMs: 1, addresses: [{ address: '192.0.2.1', family: 4 }, { address: '192.0.2.2', family: 4 }],
    });
    expect(narrowToFamily('fn.test', mixed, 'ipv6', new Map())).toEqual({ ok: true, family: 6, dnsMs: 1, addresses: [{ address: '2001:db8::1', family: 6 }] });
  });

  test('any takes the first answer\'s family once and keeps it for the run', () => {
    const choices: FamilyChoices = new Map();
    expect(narrowToFamily('fn.test', resolved(v6, v4), 'any', choices)).toMatchObject({ ok: true, family: 6, addresses: [v6] });
    // A later burst gets the answers in another order: still IPv6.
    expect(narrowToFamily('fn.test', resolved(v4, v6), 'any', choices)).toMatchObject({ ok: true, family: 6, addresses: [v6] });
    expect(choices.get('fn.test')).toBe(6);
    // And once the name has no IPv6 any more, the requests fail rather than switch paths.
    expect(narrowToFamily('fn.test', resolved(v4), 'any', choices)).toEqual({
      ok: false, errorCode: 'ENOTFOUND', dnsMs: 1,
      errorMessage: 'no IPv6 address for fn.test (addressFamily "any" settled on IPv6 for this run; it resolved to 127.0.0.1)',
    });
  });

  test('a name without the family fails with a message naming it', () => {
    expect(narrowToFamily('fn.test', resolved(v4), 'ipv6', new Map())).toEqual({
      ok: false, errorCode: 'ENOTFOUND', dnsMs: 1, errorMessage: 'no IPv6 address for fn.test (addressFamily "ipv6"; it resolved to 127.0.0.1)',
    });
  });

  test('IP literals are their own family', () => {
    const literal: Resolution = { ok: true, addresses: null, dnsMs: null };
    expect(narrowToFamily('::1', literal, 'ipv6', new Map())).toEqual({ ok: true, family: 6, addresses: null, dnsMs: null });
    expect(narrowToFamily('127.0.0.1', literal, 'any', new Map())).toEqual({ ok: true, family: 4, addresses: null, dnsMs: null });
    expect(narrowToFamily('::1', literal, 'ipv4', new Map())).toEqual({
      ok: false, errorCode: 'ENOTFOUND', dnsMs: null, errorMessage: 'no IPv4 address for ::1 (addressFamily "ipv4"; it is an IPv6 address)',
    });
  });

  test('a failed resolution stays the resolver\'s failure', () => {
    const failed: Resolution = { ok: false, errorCode: 'EAI_AGAIN', errorMessage: 'getaddrinfo EAI_AGAIN fn.test', dnsMs: 3 };
    expect(narrowToFamily('fn.test', failed, 'ipv4', new Map())).toBe(failed);
  });
});

describe('requests keep one family per endpoint (real sockets on 127.0.0.1 and ::1)', () => {
  test('default ipv4: a name answering AAAA first and A second is only dialed over IPv4', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }));
    const resolver: HostResolver = async () => [v6, v4, { address: '::2', family: 6 }];
    try {
      const url = `http://faasbench.test:${server.port}/fn`;
      const { outcomes } = await dispatchBurst([request(url), request(url), request(url), request(url)], { clock, agents, resolver });
      expect(outcomes.map((o) => [o.status, o.addressFamily, o.remoteAddress])).toEqual(Array(4).fill([200, 4, '127.0.0.1']));
    } finally {
      await server.close();
    }
  });

  test('ipv6: the same name is only dialed over IPv6, and the row says 6', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }), undefined, '::1');
    const resolver: HostResolver = async () => [v4, v6];
    try {
      const url = `http://faasbench.test:${server.port}/fn`;
      const { outcomes } = await dispatchBurst([request(url, 'ipv6'), request(url, 'ipv6'), request(url, 'ipv6')], { clock, agents, resolver });
      expect(outcomes.map((o) => [o.status, o.addressFamily, o.remoteAddress])).toEqual(Array(3).fill([200, 6, '::1']));
    } finally {
      await server.close();
    }
  });

  test('any: the first answer\'s family holds across bursts of one run', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }), undefined, '::1');
    const answers: HostAddress[][] = [[v6, v4], [v4, v6]];
    const resolver: HostResolver = async () => answers.shift() ?? [];
    const context: DispatchContext = { clock, agents, resolver, familyChoices: new Map() };
    try {
      const url = `http://faasbench.test:${server.port}/fn`;
      const first = await dispatchBurst([request(url, 'any')], context);
      const second = await dispatchBurst([request(url, 'any'), request(url, 'any')], context);
      expect([...first.outcomes, ...second.outcomes].map((o) => [o.status, o.addressFamily])).toEqual(Array(3).fill([200, 6]));
    } finally {
      await server.close();
    }
  });

  test('IP literals: [::1] is family 6; asked for IPv4 it is a row error per request, not a crash', async () => {
    const server = await startScriptServer(() => ({ kind: 'reply' }), undefined, '::1');
    try {
      const ok = await dispatchBurst([request(server.url, 'ipv6'), request(server.url, 'any')], { clock, agents });
      expect(ok.outcomes.map((o) => [o.status, o.addressFamily, o.remoteAddress])).toEqual(Array(2).fill([200, 6, '::1']));
      const refused = await dispatchBurst([request(server.url), request(server.url)], { clock, agents });
      for (const o of refused.outcomes) {
        expect(o).toMatchObject({ errorCode: 'ENOTFOUND', status: null, addressFamily: null, connectedMs: null });
        expect(o.errorMessage).toContain('no IPv4 address for ::1');
      }
      expect(server.seen).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  test('a name with no address of the family fails each request with ENOTFOUND naming the family', async () => {
    const resolver: HostResolver = async () => [{ address: '192.0.2.7', family: 4 }];
    const { outcomes } = await dispatchBurst([request('http://v4only.test/fn', 'ipv6'), request('http://v4only.test/fn', 'ipv6')], { clock, agents, resolver });
    expect(outcomes.map((o) => [o.errorCode, o.errorMessage])).toEqual(
      Array(2).fill(['ENOTFOUND', 'no IPv6 address for v4only.test (addressFamily "ipv6"; it resolved to 192.0.2.7)']),
    );
  });

  test('the system resolver answers localhost from /etc/hosts with the families this machine has', async () => {
    const addresses = await systemResolver('localhost');
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.every((a) => (a.family === 4 && a.address.startsWith('127.')) || (a.family === 6 && a.address === '::1'))).toBe(true);
  });
});
