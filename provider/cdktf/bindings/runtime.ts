// Written by `npm run generate` for the 'cdktf' flavour (provider/cdktf/flavour.ts): the CDK runtime
// the generated bindings import, re-exported so the constructs and examples name it once.
export * from 'cdktf';
