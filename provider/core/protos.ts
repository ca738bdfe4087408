/**
 * gRPC service definitions for the four services a go-plugin provider serves.
 *
 * Start-up cost matters (Terraform launches the provider several times per
 * command), so the shipped bundle does no .proto work at run time: the build
 * (provider/build.ts) parses the .proto files once and embeds protobufjs's
 * JSON descriptor through the `__KEYVAULT_PROTO_JSON__` define, and the
 * runtime only needs protobufjs's light build (no parser). Service
 * definitions are built here rather than by @grpc/proto-loader, whose
 * createPackageDefinition eagerly converts every message to a descriptor
 * (~30 ms at each launch) for reflection features a server never uses;
 * message encoders are looked up lazily, on the first call that needs them.
 * When the TypeScript sources run directly (tests, tools) the .proto files
 * in provider/protos are parsed instead, giving the same definitions.
 */
import type * as grpc from '@grpc/grpc-js';
import * as path from 'node:path';
import type * as protobuf from 'protobufjs';

declare const __KEYVAULT_PROTO_JSON__: protobuf.INamespace | undefined;

export const PROTO_FILES = ['tfplugin6.proto', 'grpc_controller.proto', 'grpc_stdio.proto', 'health.proto'] as const;

/**
 * How messages map to JS objects: field names stay snake_case as in the
 * .proto files, 64-bit ints are numbers, enums are their names, repeated
 * fields are always arrays, and a oneof's chosen field name is exposed.
 * (The same conversion @grpc/proto-loader performs with these options.)
 */
export const MESSAGE_CONVERSION: protobuf.IConversionOptions = {
  longs: Number,
  enums: String,
  defaults: false,
  arrays: true,
  oneofs: true,
};

export function protoDirectory(): string {
  return path.join(__dirname, '..', 'protos');
}

/** Parses the .proto files into a protobufjs JSON descriptor (build time, and the unbundled fallback). */
export function compileProtoJson(protoDir: string = protoDirectory()): protobuf.INamespace {
  const full = require('protobufjs') as typeof protobuf;
  const root = new full.Root();
  // google/protobuf/*.proto imports resolve to protobufjs's bundled copies.
  root.resolvePath = (_origin, target) =>
    path.isAbsolute(target) || target.startsWith('google/protobuf/') ? target : path.join(protoDir, target);
  root.loadSync(
    PROTO_FILES.map((f) => path.join(protoDir, f)),
    { keepCase: true },
  );
  return root.toJSON();
}

export interface PluginServiceDefinitions {
  provider: grpc.ServiceDefinition;
  health: grpc.ServiceDefinition;
  controller: grpc.ServiceDefinition;
  stdio: grpc.ServiceDefinition;
}

let cached: PluginServiceDefinitions | undefined;

export function loadServiceDefinitions(): PluginServiceDefinitions {
  if (cached) return cached;
  const light = require('protobufjs/light') as typeof protobuf;
  const json = typeof __KEYVAULT_PROTO_JSON__ !== 'undefined' ? __KEYVAULT_PROTO_JSON__ : compileProtoJson();
  const root = light.Root.fromJSON(json);
  cached = {
    provider: serviceDefinition(root, 'tfplugin6.Provider'),
    health: serviceDefinition(root, 'grpc.health.v1.Health'),
    controller: serviceDefinition(root, 'plugin.GRPCController'),
    stdio: serviceDefinition(root, 'plugin.GRPCStdio'),
  };
  return cached;
}

export function serviceDefinition(root: protobuf.Root, serviceName: string): grpc.ServiceDefinition {
  const service = root.lookupService(serviceName);
  const definition: Record<string, grpc.MethodDefinition<object, object>> = {};
  for (const method of Object.values(service.methods)) {
    const request = lazyType(service, method.requestType);
    const response = lazyType(service, method.responseType);
    definition[method.name] = {
      path: `/${serviceName}/${method.name}`,
      requestStream: Boolean(method.requestStream),
      responseStream: Boolean(method.responseStream),
      requestSerialize: (value: object) => serialize(request(), value),
      requestDeserialize: (bytes: Buffer) => deserialize(request(), bytes),
      responseSerialize: (value: object) => serialize(response(), value),
      responseDeserialize: (bytes: Buffer) => deserialize(response(), bytes),
      originalName: method.name.charAt(0).toLowerCase() + method.name.slice(1),
    };
  }
  return definition;
}

function lazyType(service: protobuf.Service, name: string): () => protobuf.Type {
  let type: protobuf.Type | undefined;
  return () => (type ??= service.lookupType(name));
}

function serialize(type: protobuf.Type, value: object): Buffer {
  const bytes = type.encode(type.fromObject(value)).finish();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function deserialize(type: protobuf.Type, bytes: Buffer): object {
  return type.toObject(type.decode(bytes), MESSAGE_CONVERSION);
}
