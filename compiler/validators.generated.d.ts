// GENERATED FILE: do not edit. Made by scripts/gen-validators.ts; regenerate with `npm run gen:validators`.

/** One ajv error (the fields cork uses). `schemaPath` points into `schemas[<document>]`. */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, any>;
  message?: string;
}

export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

export declare const validateAgent: GeneratedValidator;
export declare const validateBottle: GeneratedValidator;
export declare const validateSettings: GeneratedValidator;
export declare const validateBundle: GeneratedValidator;

export declare const schemas: Record<'agent' | 'bottle' | 'settings' | 'bundle', Record<string, unknown>>;
