/** Builds and synthesizes the Liaison app the way `cdk synth` does, minus bundling (placeholder code). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, NestedStack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { createLiaisonStack, ROOT_DIR } from '../../infra/app.js';
import type { LiaisonStack } from '../../infra/stacks/liaison-stack.js';

/** Feature flags exactly as `cdk synth` gets them from cdk.json. */
const CDK_JSON_CONTEXT = (
  JSON.parse(readFileSync(join(ROOT_DIR, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

export interface Synthesized {
  readonly app: App;
  readonly stack: LiaisonStack;
  readonly parent: Template;
  /** nested stack (area) name, e.g. `incidents` → its template. */
  readonly areas: ReadonlyMap<string, Template>;
  /** Every template: parent first, then the nested ones. */
  readonly all: readonly Template[];
}

function newApp(context: Record<string, string>, bundleDir?: string): App {
  return new App({
    context: {
      ...CDK_JSON_CONTEXT,
      ...(bundleDir === undefined ? { 'liaison:skipBundling': 'true' } : {}),
      'aws:cdk:bundling-stacks': [],
      ...context,
    },
    builtinCloudFormationValidation: false,
  });
}

/** `bundleDir` undefined: placeholder code (context liaison:skipBundling), as in `cdk synth` with it set. */
export function synthesize(
  context: Record<string, string> = {},
  bundleDir?: string,
  overrides?: Parameters<typeof createLiaisonStack>[2],
): Synthesized {
  const app = newApp(context, bundleDir);
  const stack = createLiaisonStack(app, bundleDir, overrides);
  return templatesOf(app, app.synth(), stack);
}

/** Several stages (context `stage` of each) in ONE app, as two `cdk deploy -c stage=…` would build them. */
export function synthesizeStages(
  stages: readonly string[],
  context: Record<string, string> = {},
): ReadonlyMap<string, Synthesized> {
  const app = newApp(context);
  const stacks = stages.map((stage) => [stage, createLiaisonStack(app, undefined, { stage })] as const);
  const assembly = app.synth();
  return new Map(stacks.map(([stage, stack]) => [stage, templatesOf(app, assembly, stack)]));
}

function templatesOf(app: App, assembly: CloudAssembly, stack: LiaisonStack): Synthesized {
  const read = (file: string): Template =>
    Template.fromJSON(
      JSON.parse(readFileSync(join(assembly.directory, file), 'utf8')) as Record<string, unknown>,
    );
  const parent = read(assembly.getStackByName(stack.stackName).templateFile);
  const areas = new Map<string, Template>();
  for (const [area, nested] of stack.areas) {
    if (!NestedStack.isNestedStack(nested)) throw new Error(`${area} is not a nested stack`);
    areas.set(area, read(nested.templateFile));
  }
  return { app, stack, parent, areas, all: [parent, ...areas.values()] };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; [k: string]: unknown }>;

export function resourcesOf(template: Template): Resources {
  return (template.toJSON() as { Resources: Resources }).Resources;
}

/** Every resource of `type` across templates, with the logical id. */
export function allOfType(templates: readonly Template[], type: string) {
  return templates.flatMap((t) =>
    Object.entries(resourcesOf(t))
      .filter(([, r]) => r.Type === type)
      .map(([id, r]) => ({ id, template: t, ...r, Properties: r.Properties ?? {} })),
  );
}

/** The Properties of resource `logicalId` of `template`; throws when there is no such resource. */
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are untyped JSON
export function propsOf(template: Template, logicalId: string): Record<string, any> {
  const resource = resourcesOf(template)[logicalId];
  if (!resource) throw new Error(`no resource ${logicalId}`);
  return resource.Properties ?? {};
}
