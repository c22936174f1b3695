import { createContext, useContext, type ReactNode } from 'react';
import type { PonteApi } from '../../../shared/api/contract.ts';

const ApiContext = createContext<PonteApi | null>(null);

export const ApiProvider = ({ api, children }: { api: PonteApi; children: ReactNode }) => (
  <ApiContext.Provider value={api}>{children}</ApiContext.Provider>
);

export const useApi = (): PonteApi => {
  const api = useContext(ApiContext);
  if (!api) throw new Error('ApiProvider ausente');
  return api;
};
