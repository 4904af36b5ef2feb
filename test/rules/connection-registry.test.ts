import { describe, expect, it } from 'vitest';
import { analyseSnippet } from '../helpers/scan-fixture.js';

const RULE = 'connection-registry';

function lines(text: string): string[] {
  return analyseSnippet(text)
    .filter((finding) => finding.ruleId === RULE)
    .map((finding) => `${finding.line} ${finding.instanceLocal ? 'Y' : 'N'} ${finding.message}`);
}

describe('connection-registry', () => {
  it('flags a ws server only when its clients are iterated to broadcast', () => {
    expect(
      lines(
        [
          "import WebSocket from 'ws';",
          'const prices = new WebSocket.Server({ port: 1 });',
          'const echo = new WebSocket.Server({ port: 2 });',
          "echo.on('connection', (socket) => socket.on('message', (data) => socket.send(data)));",
          'export function publish(price: string) {',
          '  for (const client of prices.clients) client.send(price);',
          '}',
        ].join('\n'),
      ),
    ).toEqual(['2 Y ws server `prices` broadcasts to the clients connected to this instance']);
  });

  it('reads a shared adapter from the socket.io options or from io.adapter(), and flags a server without one', () => {
    expect(
      lines(
        [
          "import { Server } from 'socket.io';",
          "import { createAdapter } from '@socket.io/redis-streams-adapter';",
          "import { createAdapter as mongoAdapter } from '@socket.io/mongo-adapter';",
          'declare const redis: unknown;',
          'declare const collection: unknown;',
          'export const chat = new Server(3001, { adapter: createAdapter(redis) });',
          'export const alerts = new Server(3002);',
          'alerts.adapter(mongoAdapter(collection));',
          "export const lobby = require('socket.io')(3003);",
          "lobby.on('connection', (socket: any) => socket.broadcast.emit('joined', socket.id));",
        ].join('\n'),
      ),
    ).toEqual([
      '6 N socket.io server `chat` broadcasts through a shared adapter',
      '7 N socket.io server `alerts` broadcasts through a shared adapter',
      "9 Y socket.io server `lobby` has no shared adapter: emits and rooms reach this instance's clients only",
    ]);
  });

  it('reads the options when they come first, and does not take the host-only cluster adapter for a shared one', () => {
    expect(
      lines(
        [
          "import { Server } from 'socket.io';",
          "import { createAdapter } from '@socket.io/postgres-adapter';",
          "import { createAdapter as clusterAdapter } from '@socket.io/cluster-adapter';",
          'declare const pool: unknown;',
          'export const orders = new Server({ adapter: createAdapter(pool) });',
          'export const workers = new Server(3000);',
          'workers.adapter(clusterAdapter());',
        ].join('\n'),
      ),
    ).toEqual([
      '5 N socket.io server `orders` broadcasts through a shared adapter',
      "6 Y socket.io server `workers` has no shared adapter: emits and rooms reach this instance's clients only",
    ]);
  });

  it('is less sure about a socket.io server when it sees no emit to other clients', () => {
    const [quiet] = analyseSnippet("import { Server } from 'socket.io';\nexport const io = new Server(3000);").filter((finding) => finding.ruleId === RULE);
    expect(quiet?.confidence).toBe('medium');
  });

  it('treats a NestJS gateway that attaches a Redis adapter itself as shared', () => {
    expect(
      lines(
        [
          "import { WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';",
          "import { createAdapter } from '@socket.io/redis-adapter';",
          "import type { Server } from 'socket.io';",
          'declare const pub: unknown, sub: unknown;',
          '@WebSocketGateway()',
          'export class EventsGateway implements OnGatewayInit {',
          '  afterInit(server: Server) { server.adapter(createAdapter(pub, sub)); }',
          '}',
        ].join('\n'),
      ),
    ).toEqual(['5 N NestJS @WebSocketGateway `EventsGateway` broadcasts through a shared adapter']);
  });

  it('flags in-memory pub/sub and reports a Redis event target as shared', () => {
    expect(
      lines(
        [
          "import { createPubSub } from 'graphql-yoga';",
          "import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';",
          "import { createChannel } from 'better-sse';",
          'declare const publishClient: unknown, subscribeClient: unknown;',
          'export const localEvents = createPubSub();',
          'export const sharedEvents = createPubSub({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });',
          'export const ticker = createChannel();',
        ].join('\n'),
      ),
    ).toEqual([
      "5 Y graphql-yoga createPubSub `localEvents` delivers events to this instance's subscribers only",
      '6 N graphql-yoga createPubSub `sharedEvents` delivers events through a shared broker',
      "7 Y better-sse channel `ticker` delivers events to this instance's subscribers only",
    ]);
  });

  it('flags sockets kept by a NestJS handler through @ConnectedSocket, and a hand-named registry with medium confidence', () => {
    const findings = analyseSnippet(
      [
        "import { ConnectedSocket, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';",
        "import type { Socket } from 'socket.io';",
        "import type { WebSocket } from 'ws';",
        '@WebSocketGateway()',
        'export class PresenceGateway {',
        '  private readonly watchers = new Set<Socket>();',
        "  @SubscribeMessage('watch')",
        '  watch(@ConnectedSocket() client: Socket) { this.watchers.add(client); }',
        '}',
        'const peerSockets: WebSocket[] = [];',
        'export function register(socket: WebSocket) { peerSockets.push(socket); }',
      ].join('\n'),
    ).filter((finding) => finding.ruleId === RULE && finding.line > 4);
    expect(findings.map((finding) => `${finding.line} ${finding.confidence} ${finding.message}`)).toEqual([
      '6 high Set `PresenceGateway.watchers` keeps sockets connected to this instance (.add())',
      '10 medium array `peerSockets` keeps sockets connected to this instance (.push())',
    ]);
  });

  it('leaves plain values written in a connection listener to module-cache', () => {
    const findings = analyseSnippet(
      [
        "import { WebSocketServer } from 'ws';",
        'const wss = new WebSocketServer({ port: 1 });',
        'const connectionsPerDay = new Map<string, number>();',
        "wss.on('connection', () => {",
        '  const day = new Date().toISOString().slice(0, 10);',
        '  connectionsPerDay.set(day, (connectionsPerDay.get(day) ?? 0) + 1);',
        '});',
      ].join('\n'),
    );
    expect(findings.map((finding) => `${finding.line} ${finding.ruleId}`)).toEqual(['3 module-cache']);
  });

  it('does not take an emitter whose listeners are added at load for a bus', () => {
    expect(
      lines(
        [
          "import EventEmitter from 'events';",
          "import express from 'express';",
          'const app = express();',
          'const orders = new EventEmitter();',
          "orders.on('created', (id: string) => console.log(id));",
          "app.post('/orders', (req, res) => { orders.emit('created', req.body.id); res.end(); });",
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});
