import 'reflect-metadata';
import { In } from 'typeorm';
import { TeamSalesperson } from '../entities/CRM/Team/TeamSalesperson.Table';
import { UserSetup } from '../entities/System/UserSetup.Table';
import { loadConfig, loadLimits, SIMULATOR_VERSION } from './config';
import { RunningSimulator, startSimulator } from './index';

/**
 * `npm start`: the simulator on embedded SQLite (EMPIRE_SIM_DATA_DIR, default
 * ./data) on PORT (default 3000). The first start creates the demo company;
 * later starts continue with the data as it was left.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const running = await startSimulator({
    port: config.port,
    host: config.host,
    allowedHosts: config.allowedHosts,
    dataDir: config.dataDir,
    bodyLimit: config.bodyLimit,
    limits: loadLimits(),
    throttle: config.throttle,
  });
  await printBanner(running, Date.now() - started);
  const stop = async (signal: string) => {
    console.log(`\n${signal}: stopping empire-sim.`);
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

async function printBanner(running: RunningSimulator, ms: number): Promise<void> {
  const { url, companyId } = running;
  const who = await describeUsers(running);
  const crm = `${url}/api/empire/crm/v1.0/companies(${companyId})`;
  const lines = [
    `empire-sim ${SIMULATOR_VERSION}: Dynamics Empire "Afhandelen contactmoment" on Business Central semantics`,
    `Listening on ${url} (ready in ${(ms / 1000).toFixed(1)} s; data: ${running.sim.databaseDescription})`,
    '',
    `Company   ${running.companyName}`,
    `  id      ${companyId}`,
    `Standard API v2.0   ${url}/api/v2.0/companies(${companyId})/contacts`,
    `Empire CRM API      ${crm}/tasks`,
    `Simulator controls  ${url}/_sim/companies/${companyId}/clock   (POST .../reset; SUPER users only)`,
    '',
    'Users (HTTP Basic: user name + web service access key; permission set):',
    ...running.users.map((u) => {
      const info = who.get(u.userName.toUpperCase());
      const extra = info ? `  salesperson ${info.salesperson || '-'}${info.teams.length ? `, teams ${info.teams.join(', ')}` : ''}` : '';
      const sets = (u.permissions ?? []).map((p) => p.roleId).join(', ');
      return `  ${u.userName.padEnd(8)} ${u.webServiceAccessKey.padEnd(14)} ${u.fullName.padEnd(24)} ${sets.padEnd(20)}${extra}`;
    }),
    '',
    `Try: curl -u ANNE:demo-anne '${crm}/teams'`,
  ];
  console.log(lines.join('\n'));
}

/** Each user's salesperson (User Setup) and teams, for the banner. */
async function describeUsers(running: RunningSimulator): Promise<Map<string, { salesperson: string; teams: string[] }>> {
  return running.sim.run(running.companyId, { userId: 'EMPIRE-SIM' }, async (s) => {
    const out = new Map<string, { salesperson: string; teams: string[] }>();
    const setups = await s.find(UserSetup, { userId: In(running.users.map((u) => u.userName.toUpperCase())) });
    for (const setup of setups) {
      const teams = setup.salespersPurchCode
        ? (await s.find(TeamSalesperson, { salespersonCode: setup.salespersPurchCode })).map((t) => t.teamCode)
        : [];
      out.set(setup.userId, { salesperson: setup.salespersPurchCode, teams });
    }
    return out;
  });
}

main().catch((err: unknown) => {
  console.error(`empire-sim could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
