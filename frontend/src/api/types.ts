// The shapes of the API's answers that the views read. Names follow the
// GraphQL schema (camelCase fields, enum values as strings).

export type Tier = 'LOW' | 'MEDIUM' | 'HIGH';
export type Gate = 'CLIENT' | 'CONNECTION' | 'RESOURCE';
export type RelationshipType = 'TRANSACTIONAL' | 'RELATIONAL' | 'COLLABORATIVE' | 'CO_OWNING';
export type NeedKey = 'SERVE' | 'CONNECT' | 'ROLE';
export type StepResponse = 'ACCEPTED' | 'REJECTED' | 'COMPLETED';

export const TIERS: readonly Tier[] = ['LOW', 'MEDIUM', 'HIGH'];
export const GATES: readonly Gate[] = ['CLIENT', 'CONNECTION', 'RESOURCE'];
export const TYPES: readonly RelationshipType[] = [
  'TRANSACTIONAL',
  'RELATIONAL',
  'COLLABORATIVE',
  'CO_OWNING',
];

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A page of a connection, as the views that do not page ask for it. */
export interface Page<T> {
  totalCount: number;
  edges: { node: T }[];
}

export interface Connection<T> extends Page<T> {
  /** Null when read for the request; else the moment of the organization's summary. */
  asOf?: string | null;
  pageInfo: PageInfo;
  edges: { cursor: string; node: T }[];
}

export interface Named {
  id: string;
  name: string;
}

export interface NeedScore {
  need: NeedKey;
  value: number;
  confidence: number;
}

export interface Trend {
  since: string | null;
  goodwill: number;
  serve: number;
  connect: number;
  role: number;
}

export interface StatePoint {
  at: string;
  goodwill: number;
  tier: Tier;
  gate: Gate;
  type: RelationshipType;
}

export interface RelationshipState extends StatePoint {
  atRisk: boolean;
  needs: NeedScore[];
  relationshipQuality: number | null;
  trend: Trend;
  modelVersion: string;
}

export type StateSummary = Pick<RelationshipState, 'goodwill' | 'tier' | 'gate' | 'type' | 'atRisk'> & {
  trend: Pick<Trend, 'goodwill'>;
};

export interface RelationshipSummary {
  id: string;
  organization: Named;
  state: StateSummary | null;
}

export interface CustomerRow extends Named {
  email: string | null;
  relationships: RelationshipSummary[];
}

export interface Touchpoint {
  id: string;
  at: string;
  channel: string;
  kind: string;
  initiatedBy: string;
  note: string | null;
  needs: { need: NeedKey; fulfilment: number }[];
  partner: string | null;
}

export interface Signal {
  id: string;
  at: string;
  kind: string;
  weight: number;
}

export interface RolePlay {
  status: string;
  since: string | null;
  role: { id: string; key: string; name: string; rung: number };
}

export interface ExplanationLine {
  rule: string;
  text: string;
}

export interface Step {
  action: { id: string; key: string; kind: string; need: NeedKey };
  rank: number;
  score: number;
  expectedUplift: number;
  cases: number;
  focusNeed: NeedKey;
  reasons: string[];
  status: 'PROPOSED' | 'ACCEPTED' | 'REJECTED' | 'COMPLETED' | null;
}

export interface Relationship {
  id: string;
  since: string | null;
  organization: Named;
  customer: Named & { email: string | null };
  state: RelationshipState | null;
  explanation: ExplanationLine[];
  history: StatePoint[];
  touchpoints: Page<Touchpoint>;
  signals: Page<Signal>;
  roles: Page<RolePlay>;
}

export interface Dashboard {
  /** Null when read for the request; else the moment of the organization's summary. */
  asOf: string | null;
  relationships: number;
  profiled: number;
  atRiskCount: number;
  averageGoodwill: number | null;
  byTier: { tier: Tier; count: number }[];
  byGate: { gate: Gate; count: number }[];
  byType: { type: RelationshipType; count: number }[];
  averageNeeds: NeedScore[];
  atRisk: { id: string; customer: Named; state: StateSummary | null }[];
}

export interface Opportunity {
  customer: Named;
  role: { id: string; name: string; rung: number };
  partner: Named | null;
  readiness: number;
  goodwill: number;
  likeness: number;
  score: number;
  reasons: string[];
}

export interface Effectiveness {
  action: { id: string; key: string; kind: string };
  tier: Tier;
  uplift: number;
  meanUplift: number | null;
  cases: number;
}

export interface GraphNode {
  id: string;
  label: string;
  caption: string;
}

export interface GraphEdge {
  source: string;
  target: string;
  type: string;
  caption: string | null;
}

export interface PortalCustomer extends Named {
  roles: { id: string; key: string; name: string; relation: 'PLAYS' | 'ASPIRES_TO'; status: string | null }[];
}
