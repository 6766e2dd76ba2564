/**
 * Entry script of an isolated plugin, started by the host as a worker thread or a forked process
 * (see isolated-plugin.ts). It only wires: the runner session does the work.
 */
import { connectToHost } from './host-channel';
import { serveIsolatedPlugin } from './runner-session';

serveIsolatedPlugin(connectToHost());
