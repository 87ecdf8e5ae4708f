/** Command ids, kept in one place so that code and manifest are easy to compare (a unit test does). */
export const CommandIds = {
  restartServer: 'routeLens.restartServer',
  resolveAddress: 'routeLens.resolveAddress',
  showEffectiveRoutes: 'routeLens.showEffectiveRoutes',
  captureRoutingTable: 'routeLens.captureRoutingTable',
  chooseFormat: 'routeLens.chooseFormat',
  simulateConnecting: 'routeLens.simulateConnecting',
  noop: 'routeLens.noop',
} as const;
