// Every GraphQL document the app sends, in one place, so that a change of the
// schema is one change here.

export const PROBE = /* GraphQL */ `
  query Probe {
    __typename
  }
`;

export const ORGANIZATIONS = /* GraphQL */ `
  query Organizations {
    organizations {
      id
      name
    }
  }
`;

export const CUSTOMERS = /* GraphQL */ `
  query Customers(
    $first: Int!
    $after: String
    $search: String
    $organizationId: ID
    $tier: Tier
    $gate: Gate
    $type: RelationshipType
    $atRisk: Boolean
    $orderBy: CustomerOrder!
    $direction: Direction!
  ) {
    customers(
      first: $first
      after: $after
      search: $search
      organizationId: $organizationId
      tier: $tier
      gate: $gate
      type: $type
      atRisk: $atRisk
      orderBy: $orderBy
      direction: $direction
    ) {
      totalCount
      asOf
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          email
          relationships {
            id
            organization {
              id
              name
            }
            state {
              goodwill
              tier
              gate
              type
              atRisk
              trend {
                goodwill
              }
            }
          }
        }
      }
    }
  }
`;

export const CUSTOMER = /* GraphQL */ `
  query Customer($id: ID!) {
    customer(id: $id) {
      id
      name
      email
      relationships {
        id
        organization {
          id
          name
        }
      }
    }
  }
`;

// A search that is a customer's exact id finds that customer even when the
// list's search (names and e-mails) does not.
export const CUSTOMER_BY_ID = /* GraphQL */ `
  query CustomerById($id: ID!) {
    customer(id: $id) {
      id
      name
    }
  }
`;

export const RELATIONSHIP = /* GraphQL */ `
  query Relationship($id: ID!) {
    relationship(id: $id) {
      id
      since
      organization {
        id
        name
      }
      customer {
        id
        name
        email
      }
      state {
        at
        goodwill
        tier
        gate
        type
        atRisk
        relationshipQuality
        modelVersion
        needs {
          need
          value
          confidence
        }
        trend {
          since
          goodwill
          serve
          connect
          role
        }
      }
      explanation {
        rule
        text
      }
      history(first: 60) {
        at
        goodwill
        tier
        gate
        type
      }
      touchpoints(first: 15) {
        totalCount
        edges {
          node {
            id
            at
            channel
            kind
            initiatedBy
            note
            partner
            needs {
              need
              fulfilment
            }
          }
        }
      }
      signals(first: 15) {
        totalCount
        edges {
          node {
            id
            at
            kind
            weight
          }
        }
      }
      roles(first: 20) {
        totalCount
        edges {
          node {
            status
            since
            role {
              id
              key
              name
              rung
            }
          }
        }
      }
    }
  }
`;

export const NEXT_BEST_STEPS = /* GraphQL */ `
  query NextBestSteps($relationshipId: ID!) {
    nextBestSteps(relationshipId: $relationshipId, first: 5) {
      rank
      score
      expectedUplift
      cases
      focusNeed
      reasons
      status
      action {
        id
        key
        kind
        need
      }
    }
  }
`;

export const RESPOND_TO_STEP = /* GraphQL */ `
  mutation RespondToStep($relationshipId: ID!, $actionId: ID!, $response: StepResponse!) {
    respondToStep(relationshipId: $relationshipId, actionId: $actionId, response: $response) {
      status
      changed
    }
  }
`;

export const DASHBOARD = /* GraphQL */ `
  query Dashboard($id: ID!) {
    organization(id: $id) {
      id
      name
      dashboard {
        asOf
        relationships
        profiled
        atRiskCount
        averageGoodwill
        byTier {
          tier
          count
        }
        byGate {
          gate
          count
        }
        byType {
          type
          count
        }
        averageNeeds {
          need
          value
          confidence
        }
        atRisk(first: 10) {
          id
          customer {
            id
            name
          }
          state {
            goodwill
            tier
            gate
            type
            atRisk
            trend {
              goodwill
            }
          }
        }
      }
    }
  }
`;

export const OPPORTUNITIES = /* GraphQL */ `
  query Opportunities($organizationId: ID!, $first: Int!) {
    coOwnershipOpportunities(organizationId: $organizationId, first: $first) {
      totalCount
      asOf
      edges {
        node {
          customer {
            id
            name
          }
          role {
            id
            name
            rung
          }
          partner {
            id
            name
          }
          readiness
          goodwill
          likeness
          score
          reasons
        }
      }
    }
  }
`;

export const EFFECTIVENESS = /* GraphQL */ `
  query Effectiveness($organizationId: ID!) {
    actionEffectiveness(organizationId: $organizationId) {
      tier
      uplift
      meanUplift
      cases
      action {
        id
        key
        kind
      }
    }
  }
`;

export const NEIGHBOURHOOD = /* GraphQL */ `
  query Neighbourhood($customerId: ID!, $touchpoints: Int) {
    customerNeighbourhood(customerId: $customerId, touchpoints: $touchpoints) {
      nodes {
        id
        label
        caption
      }
      edges {
        source
        target
        type
        caption
      }
    }
  }
`;

export const PARTNER_PORTAL = /* GraphQL */ `
  query PartnerPortal($first: Int!, $after: String) {
    partnerPortal {
      id
      name
      customers(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            id
            name
            roles {
              id
              key
              name
              relation
              status
            }
          }
        }
      }
    }
  }
`;
