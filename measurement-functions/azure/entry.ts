/**
 * The package's `main`: the Node worker loads this file and the registration below tells it which
 * function the app holds. Anonymous, because the stack's token (checked by the core) guards the
 * function instead of Azure's function keys, which would need a second deploy step to read.
 */
// First: its evaluation marks when the worker began loading the app (see load-start.ts).
import './load-start.js';
import { app } from '@azure/functions';
import { measure } from './measure.js';
import { FUNCTION_NAME } from './route.js';

app.http(FUNCTION_NAME, { methods: ['GET', 'POST'], authLevel: 'anonymous', handler: measure });
