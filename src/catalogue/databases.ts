/** Database clients that hold one connection, and the Redis clients that make any state shared. */
import { sourceMaker, type LibraryFamily } from './family.js';

const connection = sourceMaker('single-db-connection', 'connection');

export const DATABASES: LibraryFamily = {
  sources: [
    connection('@neondatabase/serverless', 'Client', '@neondatabase/serverless Client'),
    connection('mariadb', 'createConnection', 'mariadb createConnection'),
    connection('mysql', 'createConnection', 'mysql createConnection'),
    connection('mysql2', 'createConnection', 'mysql2 createConnection'),
    connection('mysql2/promise', 'createConnection', 'mysql2 createConnection'),
    connection('oracledb', 'getConnection', 'oracledb getConnection'),
    connection('pg', 'Client', 'pg Client'),
    connection('tedious', 'Connection', 'tedious Connection'),
  ],
  stores: [
    { module: 'ioredis', export: '*', note: 'state in Redis (ioredis client): make Redis highly available' },
    { module: 'redis', export: '*', note: 'state in Redis (node-redis client): make Redis highly available' },
  ],
};
