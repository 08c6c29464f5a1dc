import '../src/index.js';
import { runBackendSuites } from '@polygrad/core/testing';

runBackendSuites('wasm');
