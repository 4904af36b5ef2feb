/**
 * The page of the CI run this scan is part of, where its uploaded reports are: a GitHub Actions
 * run or a GitLab CI job. Undefined elsewhere.
 */
export function ciRunUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: run } = env;
  if (env.GITHUB_ACTIONS === 'true' && server && repository && run && /^\d+$/.test(run)) return `${server}/${repository}/actions/runs/${run}`;
  if (env.GITLAB_CI === 'true' && env.CI_JOB_URL) return env.CI_JOB_URL;
  return undefined;
}
