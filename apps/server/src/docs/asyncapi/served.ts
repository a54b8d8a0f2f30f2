import { stringify } from 'yaml';
import { buildAsyncApiDocument } from './document';

export interface AsyncApiDocuments {
  json: string;
  yaml: string;
}

/** Built on first use, then kept by the docs handler that serves it. */
export function lazyAsyncApiDocuments(): () => AsyncApiDocuments {
  let built: AsyncApiDocuments | undefined;
  return () => {
    if (!built) {
      const document = buildAsyncApiDocument();
      built = { json: JSON.stringify(document), yaml: stringify(document) };
    }
    return built;
  };
}
