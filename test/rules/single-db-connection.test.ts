import { describe, expect, it } from 'vitest';
import { analyseSnippet } from '../helpers/scan-fixture.js';
import { linesOf, source } from './lines.js';

describe('single-db-connection', () => {
  it('reports a module-level client with medium confidence when nothing leaves session state on it', () => {
    const text = source("import { Client } from 'pg';", 'export const db = new Client();', 'export const ordersOf = (id: string) => db.query("SELECT * FROM orders WHERE user_id = $1", [id]);');
    expect(linesOf(text)).toEqual(['2 single-db-connection Y medium']);
  });

  it('raises confidence and cites the transaction opened on the shared connection', () => {
    const text = source(
      "import mysql from 'mysql2';",
      'const connection = mysql.createConnection({ host: "db" });',
      'export function transfer(from: string, to: string) {',
      '  connection.beginTransaction(() => connection.query("UPDATE accounts SET balance = balance - 1 WHERE id = ?", [from]));',
      '}',
    );
    const [finding] = analyseSnippet(text);
    expect(finding).toMatchObject({ ruleId: 'single-db-connection', line: 2, confidence: 'high' });
    expect(finding!.evidence.map((item) => item.line)).toEqual([2, 4]);
    expect(finding!.evidence[1]!.message).toContain('.beginTransaction() opens a transaction');
  });

  it('skips a script that ends its client while the module loads', () => {
    const text = source("import pg from 'pg';", 'const client = new pg.Client();', 'await client.connect();', 'await client.query("SELECT 1");', 'await client.end();');
    expect(linesOf(text)).toEqual([]);
  });

  it('skips pools', () => {
    const text = source(
      "import { Pool } from 'pg';",
      "import mysql from 'mysql2/promise';",
      'export const pool = new Pool();',
      'export const reports = mysql.createPool({ uri: process.env.REPORTS_URL });',
    );
    expect(linesOf(text)).toEqual([]);
  });

  it('skips a client made in a handler, but not one a handler keeps in a module variable', () => {
    const text = source(
      "import { Client } from 'pg';",
      "import express from 'express';",
      'const app = express();',
      'let shared: Client | undefined;',
      "app.get('/a', async (req, res) => { const local = new Client(); await local.connect(); res.end(); await local.end(); });",
      "app.get('/b', async (req, res) => { shared ??= new Client(); res.json(await shared.query('SELECT 1')); });",
    );
    expect(linesOf(text)).toEqual(['4 single-db-connection Y medium']);
  });

  it('leaves SQLite to local-disk-write, except in-memory databases', () => {
    const text = source(
      "import Database from 'better-sqlite3';",
      "import sqlite3 from 'sqlite3';",
      "import { open } from 'sqlite';",
      "const rates = new Database('rates.db');",
      "const scratch = new Database(':memory:');",
      "const legacy = new sqlite3.Database('legacy.sqlite');",
      "const orders = await open({ filename: 'orders.db', driver: sqlite3.Database });",
    );
    expect(linesOf(text)).toEqual(['4 local-disk-write Y high', '6 local-disk-write Y high', '7 local-disk-write Y high']);
  });
});

describe('single-db-connection on shapes seen in public code', () => {
  it('raises confidence for a search_path set once on the shared client while it loads', () => {
    const text = source(
      "const { Client } = require('pg');",
      'const client = new Client({ database: "neighbourhood" });',
      'client.connect();',
      "client.query(`set search_path to 'civic'`);",
      'module.exports = client;',
    );
    const [finding] = analyseSnippet(text);
    expect(finding).toMatchObject({ ruleId: 'single-db-connection', line: 2, confidence: 'high' });
    expect(finding!.evidence[1]).toMatchObject({ line: 4 });
  });

  it('does not flag a pool that sets search_path on each new connection', () => {
    const text = source(
      "import { Pool } from 'pg';",
      'const pool = new Pool();',
      "pool.on('connect', (client) => client.query('SET search_path TO reporting, public'));",
      'export const query = (text: string) => pool.query(text);',
    );
    expect(linesOf(text)).toEqual([]);
  });
});
