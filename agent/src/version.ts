/* The agent's own version, reported by agent.info and --version. */
export const AGENT_VERSION = "0.2.0";
