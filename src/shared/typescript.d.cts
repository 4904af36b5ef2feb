export { ts } from '@ts-morph/common';
