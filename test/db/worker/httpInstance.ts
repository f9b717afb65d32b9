import { startSimulator } from '../../../src/index';

/**
 * One server instance for the two-instance HTTP test: the simulator's HTTP
 * API on a free port (startSimulator, as `npm start` runs it), on the
 * database of EMPIRE_SIM_DB... in its environment. Tells the parent its URL;
 * stops on 'stop'.
 */
async function main(): Promise<void> {
  // A data folder (any path): on a server database it only means "shared, persistent schemas".
  const running = await startSimulator({ port: 0, host: '127.0.0.1', dataDir: process.env.INSTANCE_DATA_DIR ?? 'shared', seed: 'empty' });
  process.send!({ type: 'listening', url: running.url, companyId: running.companyId });
  process.on('message', (m) => {
    if (m === 'stop') void running.stop().then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
