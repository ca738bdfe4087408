/**
 * Which CDK for Terraform the bindings and constructs are built for: the one
 * setting to change when moving from HashiCorp's CDKTF to its maintained
 * fork, CDK Terrain.
 *
 * - `cdktf` (HashiCorp, archived 2025-12-10, last release 0.21.0): the only
 *   CLI that runs on Node 20 (`cdktf synth`, `cdktf deploy --skip-provider-lock`).
 * - `cdktn` (open-constructs/cdk-terrain, a drop-in fork): same generator and
 *   runtime API, only package names differ; `cdktn-cli@0.24.0` needs Node
 *   >= 22.19 (crashes on 20 with `util.markAsUncloneable is not a function`).
 * (terraform-plugin-protocol.md §5.)
 *
 * The generated bindings import the runtime package by name, and so does
 * provider/cdktf/bindings/runtime.ts (written by the same generate run), which
 * is where the constructs take `TerraformStack`, `Annotations`, … from. So
 * switching is: install the other flavour's packages, set CDK_FLAVOUR (or
 * run `node scripts/generate.js --flavour cdktn`), regenerate, and use its CLI.
 */

export type CdkFlavour = 'cdktf' | 'cdktn';

export interface CdkFlavourPackages {
  /** npm package with `generateProviderBindingsFromSchema(targetPath, schemaJSON)`. */
  generator: string;
  /** Runtime library the generated code imports (`import * as cdktf from '<runtime>'`). */
  runtime: string;
  /** CLI package and its command. */
  cli: string;
  command: string;
  /** Versions this repository was verified with. */
  version: string;
}

export const CDK_FLAVOURS: Record<CdkFlavour, CdkFlavourPackages> = {
  cdktf: { generator: '@cdktf/provider-generator', runtime: 'cdktf', cli: 'cdktf-cli', command: 'cdktf', version: '0.21.0' },
  cdktn: { generator: '@cdktn/provider-generator', runtime: 'cdktn', cli: 'cdktn-cli', command: 'cdktn', version: '0.24.0' },
};

/** The flavour in use. */
export const CDK_FLAVOUR: CdkFlavour = 'cdktf';

export function isCdkFlavour(value: string): value is CdkFlavour {
  return Object.prototype.hasOwnProperty.call(CDK_FLAVOURS, value);
}
