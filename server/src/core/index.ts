// The core's public surface: text in, model, findings and explanations out.
export { analyze, type Analysis, type AnalyzeOptions } from './analyze';
export { resolve, type Resolution, type Outcome, type LostCandidate } from './resolver';
export type { Finding, Route, NextHop, Span, Severity, ParsedDocument, RelatedLocation, RouteType } from './model';
export { parseAddress, formatAddress, type Address, type Family } from './net/address';
export { parsePrefix, formatPrefix, type Prefix } from './net/prefix';
