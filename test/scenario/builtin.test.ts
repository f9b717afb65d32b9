// [FEATURE] [Scenarios] the three paths of "Afhandelen contactmoment" as built-in scenarios, on the demo company.
import path from 'node:path';
import { loadScenario } from '../../src/scenario/Scenario';
import { EmbeddedScenarioHost } from '../../src/scenario/run';

let host: EmbeddedScenarioHost;
beforeAll(async () => {
  host = await EmbeddedScenarioHost.start();
}, 120_000);
afterAll(() => host?.close());

const dir = path.join(__dirname, '../../scenarios');

test.each(['vraag-direct-beantwoord.yaml', 'vraag-met-vervolgactie.yaml', 'klacht.yaml'])('scenario %s passes every step', async (file) => {
  const result = await host.run(loadScenario(path.join(dir, file)));
  const failed = result.steps.find((s) => !s.ok);
  expect(failed ? `${failed.index} ${failed.text}: ${failed.detail}` : 'all passed').toBe('all passed');
  expect(result.ok).toBe(true);
}, 60_000);
