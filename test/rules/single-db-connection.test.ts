import { testRule } from '../helpers/rule-tester.js';

testRule('single-db-connection', {
  valid: [
    {
      name: 'a script that ends its client while the module loads',
      code: ["import pg from 'pg';", 'const client = new pg.Client();', 'await client.connect();', 'await client.query("SELECT 1");', 'await client.end();'],
    },
    {
      name: 'pools',
      code: [
        "import { Pool } from 'pg';",
        "import mysql from 'mysql2/promise';",
        'export const pool = new Pool();',
        'export const reports = mysql.createPool({ uri: process.env.REPORTS_URL });',
      ],
    },
    {
      name: 'a pool that sets search_path on each new connection',
      code: [
        "import { Pool } from 'pg';",
        'const pool = new Pool();',
        "pool.on('connect', (client) => client.query('SET search_path TO reporting, public'));",
        'export const query = (text: string) => pool.query(text);',
      ],
    },
  ],
  invalid: [
    {
      name: 'a module-level client, medium when nothing leaves session state on it',
      code: ["import { Client } from 'pg';", 'export const db = new Client();', 'export const ordersOf = (id: string) => db.query("SELECT * FROM orders WHERE user_id = $1", [id]);'],
      findings: [{ line: 2, instanceLocal: true, confidence: 'medium' }],
    },
    {
      name: 'a transaction opened on the shared connection raises confidence and is cited',
      code: [
        "import mysql from 'mysql2';",
        'const connection = mysql.createConnection({ host: "db" });',
        'export function transfer(from: string, to: string) {',
        '  connection.beginTransaction(() => connection.query("UPDATE accounts SET balance = balance - 1 WHERE id = ?", [from]));',
        '}',
      ],
      findings: [
        {
          line: 2,
          confidence: 'high',
          evidence: [{ line: 2 }, { line: 4, message: '.beginTransaction() opens a transaction on the shared connection in transfer' }],
        },
      ],
    },
    {
      name: 'a client made in a handler is skipped, not one a handler keeps in a module variable',
      code: [
        "import { Client } from 'pg';",
        "import express from 'express';",
        'const app = express();',
        'let shared: Client | undefined;',
        "app.get('/a', async (req, res) => { const local = new Client(); await local.connect(); res.end(); await local.end(); });",
        "app.get('/b', async (req, res) => { shared ??= new Client(); res.json(await shared.query('SELECT 1')); });",
      ],
      findings: [{ line: 4, instanceLocal: true, confidence: 'medium' }],
    },
    {
      name: 'SQLite is left to local-disk-write, except in-memory databases',
      code: [
        "import Database from 'better-sqlite3';",
        "import sqlite3 from 'sqlite3';",
        "import { open } from 'sqlite';",
        "const rates = new Database('rates.db');",
        "const scratch = new Database(':memory:');",
        "const legacy = new sqlite3.Database('legacy.sqlite');",
        "const orders = await open({ filename: 'orders.db', driver: sqlite3.Database });",
      ],
      findings: [
        { line: 4, ruleId: 'local-disk-write', instanceLocal: true, confidence: 'high' },
        { line: 6, ruleId: 'local-disk-write', instanceLocal: true, confidence: 'high' },
        { line: 7, ruleId: 'local-disk-write', instanceLocal: true, confidence: 'high' },
      ],
    },
    {
      name: 'a search_path set once on the shared client while it loads raises confidence (public code)',
      code: [
        "const { Client } = require('pg');",
        'const client = new Client({ database: "neighbourhood" });',
        'client.connect();',
        "client.query(`set search_path to 'civic'`);",
        'module.exports = client;',
      ],
      findings: [{ line: 2, confidence: 'high', evidence: [{ line: 2 }, { line: 4 }] }],
    },
  ],
});
