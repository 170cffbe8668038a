import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPrivateAddress, parseIPv4, parseIPv6 } from './address.js';

/** [address, private?, why]: every IANA special-purpose range, in both families and several notations. */
const ROWS: readonly (readonly [string, boolean, string])[] = [
  // IPv4
  ['0.0.0.0', true, 'this network'],
  ['0.1.2.3', true, 'this network'],
  ['10.0.0.1', true, 'private'],
  ['100.64.0.1', true, 'shared (CGNAT)'],
  ['100.127.255.255', true, 'shared (CGNAT), last'],
  ['100.128.0.1', false, 'just past CGNAT'],
  ['127.0.0.1', true, 'loopback'],
  ['127.255.0.9', true, 'loopback /8'],
  ['169.254.169.254', true, 'link-local (cloud metadata)'],
  ['172.16.0.1', true, 'private'],
  ['172.31.255.255', true, 'private, last'],
  ['172.32.0.1', false, 'just past 172.16/12'],
  ['192.0.0.8', true, 'IETF protocol assignments'],
  ['192.0.0.170', true, 'NAT64 discovery'],
  ['192.0.2.10', true, 'TEST-NET-1'],
  ['192.31.196.1', true, 'AS112-v4'],
  ['192.52.193.1', true, 'AMT'],
  ['192.88.99.1', true, '6to4 relay anycast'],
  ['192.168.1.1', true, 'private'],
  ['192.175.48.1', true, 'AS112 direct delegation'],
  ['198.18.0.1', true, 'benchmarking'],
  ['198.19.255.255', true, 'benchmarking, last'],
  ['198.20.0.1', false, 'just past benchmarking'],
  ['198.51.100.7', true, 'TEST-NET-2'],
  ['203.0.113.7', true, 'TEST-NET-3'],
  ['224.0.0.1', true, 'multicast'],
  ['239.255.255.250', true, 'multicast'],
  ['240.0.0.1', true, 'reserved'],
  ['255.255.255.255', true, 'broadcast'],
  ['8.8.8.8', false, 'public'],
  ['93.184.216.34', false, 'public'],
  ['1.1.1.1', false, 'public'],
  // IPv4 in the inet_aton forms a URL parser still reads
  ['127.1', true, 'loopback, short form'],
  ['2130706433', true, 'loopback as one number'],
  ['0x7f.0.0.1', true, 'loopback, hex'],
  ['0177.0.0.1', true, 'loopback, octal'],
  ['0x08080808', false, 'public, hex'],
  // IPv6 plain
  ['::', true, 'unspecified'],
  ['::1', true, 'loopback'],
  ['0:0:0:0:0:0:0:1', true, 'loopback, long form'],
  ['[::1]', true, 'loopback, bracketed as in a URL'],
  ['fe80::1', true, 'link-local'],
  ['fe80::1%eth0', true, 'link-local with a zone'],
  ['febf::1', true, 'link-local, last /10'],
  ['fec0::1', true, 'site-local'],
  ['feff::1', true, 'site-local, last'],
  ['fc00::1', true, 'unique local'],
  ['fd12:3456::1', true, 'unique local'],
  ['ff02::1', true, 'multicast'],
  ['100::1', true, 'discard-only'],
  ['64:ff9b:1::1', true, 'NAT64 local-use'],
  ['5f00::1', true, 'SRv6 SIDs'],
  ['2001:db8::1', true, 'documentation'],
  ['3fff::1', true, 'documentation (RFC 9637)'],
  ['2001:2::1', true, 'benchmarking'],
  ['2001:10::1', true, 'ORCHID'],
  ['2001:20::1', true, 'ORCHIDv2'],
  ['2620:4f:8000::1', true, 'AS112 direct delegation'],
  ['2606:4700::1111', false, 'public'],
  ['2a00:1450:4001:82a::200e', false, 'public'],
  ['2001:4860:4860::8888', false, 'public (outside 2001::/23)'],
  // IPv4-mapped, in every notation
  ['::ffff:127.0.0.1', true, 'mapped loopback, dotted'],
  ['::ffff:7f00:1', true, 'mapped loopback, hex (as URL parsers write it)'],
  ['::FFFF:7F00:0001', true, 'mapped loopback, upper case, zero-padded'],
  ['0:0:0:0:0:ffff:7f00:1', true, 'mapped loopback, long form'],
  ['0000:0000:0000:0000:0000:ffff:127.0.0.1', true, 'mapped loopback, long form dotted'],
  ['::ffff:a9fe:a9fe', true, 'mapped link-local'],
  ['::ffff:10.0.0.1', true, 'mapped private'],
  ['::ffff:c0a8:101', true, 'mapped 192.168.1.1'],
  ['::ffff:808:808', false, 'mapped public'],
  ['::ffff:8.8.8.8', false, 'mapped public, dotted'],
  // IPv4-compatible (deprecated) and IPv4-translated
  ['::127.0.0.1', true, 'compatible loopback'],
  ['::7f00:1', true, 'compatible loopback, hex'],
  ['::a00:1', true, 'compatible private'],
  ['::ffff:0:7f00:1', true, 'translated loopback'],
  ['::ffff:0:127.0.0.1', true, 'translated loopback, dotted'],
  // NAT64 well-known prefix
  ['64:ff9b::7f00:1', true, 'NAT64 loopback'],
  ['64:ff9b::127.0.0.1', true, 'NAT64 loopback, dotted'],
  ['64:ff9b::a9fe:a9fe', true, 'NAT64 link-local'],
  ['64:ff9b::808:808', false, 'NAT64 public'],
  // 6to4
  ['2002:7f00:1::1', true, '6to4 loopback'],
  ['2002:c0a8:101::1', true, '6to4 private'],
  ['2002:808:808::1', false, '6to4 public'],
  // Teredo: server IPv4, then the client's with every bit flipped
  ['2001:0:4136:e378:8000:63bf:80ff:fffe', true, 'Teredo, client 127.0.0.1'],
  ['2001:0:7f00:1:8000:63bf:f7f7:f7f7', true, 'Teredo, server 127.0.0.1'],
  ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', false, 'Teredo, public server and client (8.8.8.8)'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', true, 'Teredo, client 192.0.2.45 (documentation)'],
  // Not addresses: the check fails closed
  ['', true, 'empty'],
  ['localhost', true, 'a name'],
  ['256.0.0.1', true, 'out of range'],
  ['1.2.3', false, 'short form of 1.2.0.3 (public)'],
  ['1:2:3', true, 'not IPv6'],
  ['1::2::3', true, 'two ::'],
  ['::ffff:1.2.3', true, 'short dotted tail is not IPv6'],
  ['::ffff:127.0.0.1.5', true, 'five-part dotted tail'],
];

test('isPrivateAddress: every special-purpose range of both families, in every notation', () => {
  for (const [address, expected, why] of ROWS) assert.equal(isPrivateAddress(address), expected, `${address} (${why})`);
});

test('parseIPv4 and parseIPv6 read the notations URL parsers and resolvers write', () => {
  assert.equal(parseIPv4('127.0.0.1'), 0x7f000001);
  assert.equal(parseIPv4('0x7f.1'), 0x7f000001);
  assert.equal(parseIPv4('4294967295'), 0xffffffff);
  assert.equal(parseIPv4('4294967296'), null);
  assert.equal(parseIPv4('1.2.3.4.5'), null);
  assert.equal(parseIPv4('09.1.1.1'), null);
  assert.deepEqual(parseIPv6('::ffff:127.0.0.1'), [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
  assert.deepEqual(parseIPv6('1:2:3:4:5:6:7:8'), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(parseIPv6('1::8'), [1, 0, 0, 0, 0, 0, 0, 8]);
  assert.equal(parseIPv6('1:2:3:4:5:6:7:8:9'), null);
  assert.equal(parseIPv6('1:2:3:4::5:6:7:8'), null, ':: must stand for at least one group');
  assert.equal(parseIPv6('12345::'), null);
});
