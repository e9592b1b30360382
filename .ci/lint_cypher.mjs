#!/usr/bin/env node
// Lint Cypher files with Neo4j's own linter (@neo4j-cypher/language-support).
//
//   node .ci/lint_cypher.mjs [--schema dbschema.json] [--parameters parameters.json]
//                            [--strict] [--single] PATH...
//
// PATH is a .cypher file or a folder (searched recursively for *.cypher); a file with the same
// name and text as one already linted is skipped, so the first path given names it. Every
// diagnostic is printed as `file:line:col: severity: message`. Exit status: 0 clean, 1 when an error was found
// (or a warning, with --strict), 2 on bad usage.
//
// --schema      a DbSchema JSON (labels, relationshipTypes, propertyKeys, graphSchema), as
//               `python -m zhize.graph.neo4j.cypher_dump` writes it: unknown labels, properties and
//               impossible relationship directions are then reported as warnings.
// --parameters  {statement name: [parameter, ...]} as the Python side reads them; a file whose
//               name is listed must use exactly those parameters.
// --strict      warnings fail too.
// --single      each file must hold exactly one statement.
//
// Functions and procedures are checked against the Neo4j 5 registry that ships with the package
// (`testData.mockSchema`, taken from a real server's SHOW FUNCTIONS / SHOW PROCEDURES, plugins
// left out), so a misspelt function or a plugin the server lacks is an error. Undeclared `$parameters` are not reported: they are supplied
// at run time, and --parameters checks them instead.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  isNotParamError,
  lintCypherQuery,
  parseParameters,
  parseStatementsStrs,
  testData,
} from '@neo4j-cypher/language-support';

const ERROR = 1;
const WARNING = 2;
const CYPHER_VERSION = 'CYPHER 5';

function usage(message) {
  console.error(`lint_cypher: ${message}`);
  console.error(
    'usage: node .ci/lint_cypher.mjs [--schema FILE] [--parameters FILE] [--strict] [--single] PATH...',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const options = { schema: null, parameters: null, strict: false, single: false, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--schema' || arg === '--parameters') {
      if (i + 1 >= argv.length) usage(`${arg} needs a file`);
      options[arg.slice(2)] = argv[++i];
    } else if (arg === '--strict') {
      options.strict = true;
    } else if (arg === '--single') {
      options.single = true;
    } else if (arg.startsWith('--')) {
      usage(`unknown option ${arg}`);
    } else {
      options.paths.push(arg);
    }
  }
  if (options.paths.length === 0) usage('no files or folders given');
  return options;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    usage(`cannot read ${path}: ${err.message}`);
  }
}

function cypherFiles(path) {
  if (!existsSync(path)) usage(`${path} does not exist`);
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const child = join(path, entry.name);
      if (entry.isDirectory()) return cypherFiles(child);
      return entry.name.endsWith('.cypher') ? [child] : [];
    });
}

function distinct(files) {
  const seen = new Set();
  return files.filter((file) => {
    const key = basename(file) + '\0' + readFileSync(file, 'utf8').trim();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// The registry also lists plugins (APOC, GDS, GenAI) that the plain neo4j:5 server of our
// docker-compose.yml does not have: a query calling them must fail here, not in production.
const PLUGINS = /^(apoc|gds|genai)\./;

function withoutPlugins(registry) {
  return Object.fromEntries(
    Object.entries(registry).map(([version, byName]) => [
      version,
      Object.fromEntries(Object.entries(byName).filter(([name]) => !PLUGINS.test(name))),
    ]),
  );
}

function dbSchema(schemaFile) {
  const builtIns = testData.mockSchema;
  const schema = schemaFile ? readJson(schemaFile) : {};
  return {
    ...schema,
    functions: withoutPlugins(builtIns.functions),
    procedures: withoutPlugins(builtIns.procedures),
    defaultLanguage: CYPHER_VERSION,
  };
}

function severityName(severity) {
  return severity === ERROR ? 'error' : severity === WARNING ? 'warning' : 'info';
}

function statementName(file) {
  return basename(file).replace(/\.cypher$/, '');
}

function sameSet(a, b) {
  return a.length === b.length && a.every((x) => b.includes(x));
}

// Diagnostics of our own, in the shape the linter uses (0-based line and character).
function fileDiagnostic(message) {
  return { severity: ERROR, message, range: { start: { line: 0, character: 0 } } };
}

function lintFile(file, schema, options, expectedParameters) {
  const text = readFileSync(file, 'utf8');
  const diagnostics = lintCypherQuery(text, schema, { consoleCommandsEnabled: false })
    .diagnostics.filter(isNotParamError);
  const statements = parseStatementsStrs(text).filter((s) => s.trim() !== ';');
  if (statements.length === 0) {
    diagnostics.push(fileDiagnostic('file holds no Cypher statement'));
  } else if (options.single && statements.length > 1) {
    diagnostics.push(fileDiagnostic(`file holds ${statements.length} statements, expected one`));
  }
  const expected = expectedParameters?.[statementName(file)];
  if (expected) {
    const found = parseParameters(text, false);
    if (!sameSet(found, expected)) {
      diagnostics.push(fileDiagnostic(
        `parameters differ from what Python reads: Cypher has [${found.sort().join(', ')}],` +
          ` Python expects [${[...expected].sort().join(', ')}]`,
      ));
    }
  }
  return diagnostics;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const schema = dbSchema(options.schema);
  const expectedParameters = options.parameters ? readJson(options.parameters) : null;
  const files = distinct(options.paths.flatMap(cypherFiles));
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    for (const d of lintFile(file, schema, options, expectedParameters)) {
      const { line, character } = d.range.start;
      console.log(`${file}:${line + 1}:${character + 1}: ${severityName(d.severity)}: ${d.message}`);
      if (d.severity === ERROR) errors++;
      else if (d.severity === WARNING) warnings++;
    }
  }
  const failing = errors + (options.strict ? warnings : 0);
  console.log(
    `lint_cypher: ${files.length} files, ${errors} errors, ${warnings} warnings` +
      (failing ? ' — FAILED' : ' — ok'),
  );
  process.exit(failing ? 1 : 0);
}

main();
