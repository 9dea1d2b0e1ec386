import 'reflect-metadata';
import { ConfigError, loadConfig } from './common/config/config.js';
import { CurriculumError } from './curriculum/domain/curriculum-loader.js';
import { createApi } from './server.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const api = await createApi(config);
  await api.app.listen(config.apiPort, process.env.API_HOST ?? '0.0.0.0');

  const db = config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
  const lines = [
    '',
    `Baton API ready on http://localhost:${config.apiPort}/graphql — database: ${db}`,
    `Program ${api.published.programKey} version ${api.published.version}${api.published.published ? ' (newly published from the curriculum files)' : ''}`,
  ];
  if (api.demoLogins) {
    lines.push('', 'Demo logins (loaded into the new database):');
    for (const l of api.demoLogins) lines.push(`  ${l.role.padEnd(10)} ${l.email.padEnd(34)} ${l.password}   ${l.note}`);
  }
  console.log(lines.join('\n'));
  // scripts/start.mjs waits for this line before starting the web app.
  if (process.send) process.send({ type: 'ready', demoLogins: api.demoLogins });

  const stop = async () => {
    await api.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  if (e instanceof CurriculumError) {
    console.error(`The curriculum files are not valid; the API did not start.\n${e.message}`);
  } else {
    console.error('The API could not start:', e instanceof Error ? e.message : e);
    if (process.env.BATON_DEBUG) console.error(e);
  }
  process.exit(1);
});
