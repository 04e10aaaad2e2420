/** The tool's version, as reports and `--version` say it (a module of its own: the CLI reads it without loading `check`). */
export const TOOL_VERSION = '0.1.0';
