/** In-memory job queues. */
import { sourceMaker, type LibraryFamily } from './family.js';

const jobQueue = sourceMaker('local-queue', 'queue');

export const QUEUES: LibraryFamily = {
  sources: [
    jobQueue('async', 'cargo', 'async cargo'),
    jobQueue('async', 'cargoQueue', 'async cargoQueue'),
    jobQueue('async', 'priorityQueue', 'async priorityQueue'),
    jobQueue('async', 'queue', 'async queue'),
    jobQueue('async/cargo', 'default', 'async cargo'),
    jobQueue('async/queue', 'default', 'async queue'),
    jobQueue('better-queue', 'default', 'better-queue'),
    jobQueue('fastq', 'default', 'fastq queue'),
    jobQueue('fastq', 'promise', 'fastq queue'),
    jobQueue('p-queue', 'default', 'p-queue'),
  ],
  stores: [],
};
