import { testRule } from '../helpers/rule-tester.js';

testRule('connection-registry', {
  valid: [
    {
      name: 'an emitter whose listeners are added at load is no bus',
      code: [
        "import EventEmitter from 'events';",
        "import express from 'express';",
        'const app = express();',
        'const orders = new EventEmitter();',
        "orders.on('created', (id: string) => console.log(id));",
        "app.post('/orders', (req, res) => { orders.emit('created', req.body.id); res.end(); });",
      ],
    },
  ],
  invalid: [
    {
      name: 'a ws server only when its clients are iterated to broadcast',
      code: [
        "import WebSocket from 'ws';",
        'const prices = new WebSocket.Server({ port: 1 });',
        'const echo = new WebSocket.Server({ port: 2 });',
        "echo.on('connection', (socket) => socket.on('message', (data) => socket.send(data)));",
        'export function publish(price: string) {',
        '  for (const client of prices.clients) client.send(price);',
        '}',
      ],
      findings: [{ line: 2, instanceLocal: true, message: 'ws server `prices` broadcasts to the clients connected to this instance' }],
    },
    {
      name: 'a shared adapter read from the socket.io options or from io.adapter(), and a server without one',
      code: [
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
      ],
      findings: [
        { line: 6, instanceLocal: false, message: 'socket.io server `chat` broadcasts through a shared adapter' },
        { line: 7, instanceLocal: false, message: 'socket.io server `alerts` broadcasts through a shared adapter' },
        { line: 9, instanceLocal: true, message: "socket.io server `lobby` has no shared adapter: emits and rooms reach this instance's clients only" },
      ],
    },
    {
      name: 'the options read when they come first; the host-only cluster adapter is not shared',
      code: [
        "import { Server } from 'socket.io';",
        "import { createAdapter } from '@socket.io/postgres-adapter';",
        "import { createAdapter as clusterAdapter } from '@socket.io/cluster-adapter';",
        'declare const pool: unknown;',
        'export const orders = new Server({ adapter: createAdapter(pool) });',
        'export const workers = new Server(3000);',
        'workers.adapter(clusterAdapter());',
      ],
      findings: [
        { line: 5, instanceLocal: false, message: 'socket.io server `orders` broadcasts through a shared adapter' },
        { line: 6, instanceLocal: true, message: "socket.io server `workers` has no shared adapter: emits and rooms reach this instance's clients only" },
      ],
    },
    {
      name: 'less sure of a socket.io server when it sees no emit to other clients',
      code: ["import { Server } from 'socket.io';", 'export const io = new Server(3000);'],
      findings: [{ line: 2, confidence: 'medium' }],
    },
    {
      name: 'a NestJS gateway that attaches a Redis adapter itself is shared',
      code: [
        "import { WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';",
        "import { createAdapter } from '@socket.io/redis-adapter';",
        "import type { Server } from 'socket.io';",
        'declare const pub: unknown, sub: unknown;',
        '@WebSocketGateway()',
        'export class EventsGateway implements OnGatewayInit {',
        '  afterInit(server: Server) { server.adapter(createAdapter(pub, sub)); }',
        '}',
      ],
      findings: [{ line: 5, instanceLocal: false, message: 'NestJS @WebSocketGateway `EventsGateway` broadcasts through a shared adapter' }],
    },
    {
      name: 'in-memory pub/sub, and a Redis event target as shared',
      code: [
        "import { createPubSub } from 'graphql-yoga';",
        "import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';",
        "import { createChannel } from 'better-sse';",
        'declare const publishClient: unknown, subscribeClient: unknown;',
        'export const localEvents = createPubSub();',
        'export const sharedEvents = createPubSub({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });',
        'export const ticker = createChannel();',
      ],
      findings: [
        { line: 5, instanceLocal: true, message: "graphql-yoga createPubSub `localEvents` delivers events to this instance's subscribers only" },
        { line: 6, instanceLocal: false, message: 'graphql-yoga createPubSub `sharedEvents` delivers events through a shared broker' },
        { line: 7, instanceLocal: true, message: "better-sse channel `ticker` delivers events to this instance's subscribers only" },
      ],
    },
    {
      name: 'sockets kept by a NestJS handler through @ConnectedSocket, and a hand-named registry with medium confidence',
      code: [
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
      ],
      findings: [
        { line: 4 },
        { line: 6, confidence: 'high', message: 'Set `PresenceGateway.watchers` keeps sockets connected to this instance (.add())' },
        { line: 10, confidence: 'medium', message: 'array `peerSockets` keeps sockets connected to this instance (.push())' },
      ],
    },
    {
      name: 'plain values written in a connection listener are left to module-cache',
      code: [
        "import { WebSocketServer } from 'ws';",
        'const wss = new WebSocketServer({ port: 1 });',
        'const connectionsPerDay = new Map<string, number>();',
        "wss.on('connection', () => {",
        '  const day = new Date().toISOString().slice(0, 10);',
        '  connectionsPerDay.set(day, (connectionsPerDay.get(day) ?? 0) + 1);',
        '});',
      ],
      findings: [{ line: 3, ruleId: 'module-cache' }],
    },
  ],
});
