import 'reflect-metadata';
import { DEMO_COMPANY_DISPLAY_NAME, DEMO_COMPANY_NAME, demoAccessKey, demoUsers, seedDemoCompany } from '../seed/demo';
import { seedEmptyCompany } from '../seed/empty';
import { Simulator } from '../host/Simulator';
import { PageSessionManager } from '../pageSession/PageSessionManager';
import { HttpDriver, InProcessDriver } from './drivers';
import type { Scenario } from './Scenario';
import { ScenarioResult, ScenarioRunner, StepResult } from './ScenarioRunner';

/**
 * An embedded simulator for scenarios: in memory, the demo company, reset to
 * its seed before each scenario so scenarios do not see each other's data.
 */
export class EmbeddedScenarioHost {
  private constructor(
    readonly sim: Simulator,
    private readonly companyId: string,
  ) {}

  static async start(): Promise<EmbeddedScenarioHost> {
    const sim = await Simulator.start({ dataDir: null, seeds: { demo: seedDemoCompany, empty: seedEmptyCompany }, users: demoUsers });
    const company = await sim.createCompany(DEMO_COMPANY_NAME, { displayName: DEMO_COMPANY_DISPLAY_NAME, seed: 'demo' });
    return new EmbeddedScenarioHost(sim, company.systemId);
  }

  async run(scenario: Scenario, onStep?: (r: StepResult) => void): Promise<ScenarioResult> {
    await this.sim.resetCompany(this.companyId);
    const driver = new InProcessDriver(new PageSessionManager(this.sim), this.companyId, scenario.language ?? 'nl-NL');
    return new ScenarioRunner(driver, scenario, onStep).run();
  }

  close(): Promise<void> {
    return this.sim.close();
  }
}

/** A scenario against a running server: its users' keys from the scenario, else the demo keys. */
export function runOverHttp(url: string, company: string | undefined, scenario: Scenario, onStep?: (r: StepResult) => void) {
  const driver = new HttpDriver(url, company, (user) => scenario.keys?.[user] ?? demoAccessKey(user));
  return new ScenarioRunner(driver, scenario, onStep).run();
}
