/** WebSocket servers, socket.io, pub/sub and event emitters used as a bus, and the adapters and brokers that fan their messages out across instances. */
import { sourceMaker, type LibraryFamily } from './family.js';
import type { ModuleExport, StateSource } from './types.js';

const realtime = sourceMaker('connection-registry', 'connection-registry');

const YOGA_PUBSUB = { externalizedBy: { option: 'eventTarget' } };
/** The cluster adapter links the workers of one host (Node cluster, pm2), not the hosts. */
const SOCKET_IO_HOST_ADAPTERS: ModuleExport[] = [{ module: '@socket.io/cluster-adapter', export: '*' }];
const SOCKET_IO_SERVER: Partial<StateSource> = { optionsArgument: 1, externalizedBy: { option: 'adapter', method: 'adapter', unlessValueFrom: SOCKET_IO_HOST_ADAPTERS } };

export const REALTIME: LibraryFamily = {
  sources: [
    realtime('@graphql-yoga/subscription', 'createPubSub', 'graphql-yoga createPubSub', YOGA_PUBSUB),
    realtime('@nestjs/websockets', 'WebSocketGateway', 'NestJS @WebSocketGateway', { usage: 'adapter-elsewhere', externalizedBy: { method: 'adapter' } }),
    realtime('better-sse', 'createChannel', 'better-sse channel'),
    realtime('eventemitter3', 'EventEmitter', 'EventEmitter', { usage: 'event-bus' }),
    realtime('eventemitter3', 'default', 'EventEmitter', { usage: 'event-bus' }),
    realtime('events', 'EventEmitter', 'EventEmitter', { usage: 'event-bus' }),
    realtime('events', 'default', 'EventEmitter', { usage: 'event-bus' }),
    realtime('graphql-redis-subscriptions', 'RedisPubSub', 'graphql-redis-subscriptions RedisPubSub', { shared: true, sharedNote: 'subscription events go through Redis pub/sub: every instance delivers them to its own subscribers' }),
    realtime('graphql-subscriptions', 'PubSub', 'graphql-subscriptions PubSub'),
    realtime('graphql-yoga', 'createPubSub', 'graphql-yoga createPubSub', YOGA_PUBSUB),
    realtime('mitt', 'default', 'mitt emitter', { usage: 'event-bus' }),
    realtime('node:events', 'EventEmitter', 'EventEmitter', { usage: 'event-bus' }),
    realtime('node:events', 'default', 'EventEmitter', { usage: 'event-bus' }),
    realtime('socket.io', 'Server', 'socket.io server', SOCKET_IO_SERVER),
    realtime('socket.io', 'default', 'socket.io server', SOCKET_IO_SERVER),
    realtime('ws', 'Server', 'ws server', { usage: 'clients-iterated' }),
    realtime('ws', 'WebSocketServer', 'ws server', { usage: 'clients-iterated' }),
  ],
  stores: [
    { module: '@graphql-yoga/redis-event-target', export: '*', note: 'subscription events go through Redis pub/sub (@graphql-yoga/redis-event-target)' },
    { module: '@socket.io/mongo-adapter', export: '*', note: 'socket.io events go through MongoDB (@socket.io/mongo-adapter): every instance reaches its own clients; long-polling still needs sticky sessions' },
    { module: '@socket.io/postgres-adapter', export: '*', note: 'socket.io events go through PostgreSQL NOTIFY (@socket.io/postgres-adapter): every instance reaches its own clients; long-polling still needs sticky sessions' },
    { module: '@socket.io/redis-adapter', export: '*', note: 'socket.io events go through Redis pub/sub (@socket.io/redis-adapter): every instance reaches its own clients; long-polling still needs sticky sessions' },
    { module: '@socket.io/redis-streams-adapter', export: '*', note: 'socket.io events go through Redis streams (@socket.io/redis-streams-adapter): every instance reaches its own clients; long-polling still needs sticky sessions' },
    { module: 'socket.io-redis', export: '*', note: 'socket.io events go through Redis pub/sub (socket.io-redis): every instance reaches its own clients; long-polling still needs sticky sessions' },
  ],
};
