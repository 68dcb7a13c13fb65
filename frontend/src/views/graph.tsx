// A customer's neighbourhood in the graph: relationships, organisations,
// latest touchpoints, needs, roles and partners, drawn by cytoscape.js. The
// same nodes and edges are listed as text for keyboard and screen readers.
import type { Core, ElementDefinition } from 'cytoscape';
import { useEffect, useRef, useState } from 'preact/hooks';

import { useQuery } from '../api/hooks';
import { NEIGHBOURHOOD } from '../api/queries';
import type { GraphEdge, GraphNode } from '../api/types';
import type { Session } from '../auth';
import { Empty, ErrorNotice, Loading } from '../components/states';
import { humanise } from '../format';
import { href } from '../router';

const RINGS: Record<string, number> = {
  Customer: 4,
  Relationship: 3,
  Role: 3,
  Organization: 2,
  Touchpoint: 2,
  Need: 1,
  Partner: 1,
};

const LABELLED_EDGES = new Set(['PLAYS', 'ASPIRES_TO', 'OFFERS', 'HOSTS', 'VIA']);

export const LABEL_COLOURS: Record<string, string> = {
  Customer: '#245f73',
  Relationship: '#7a4f9a',
  Organization: '#3c3c3c',
  Touchpoint: '#c07a1f',
  Need: '#2f8a57',
  Role: '#b8404f',
  Partner: '#4a6fb5',
};

interface Data {
  customerNeighbourhood: { nodes: GraphNode[]; edges: GraphEdge[] } | null;
}

export function GraphView({ customerId }: { session: Session; customerId: string }) {
  const [touchpoints, setTouchpoints] = useState(20);
  const { state, reload } = useQuery<Data>(NEIGHBOURHOOD, { customerId, touchpoints });
  const graph = state.data?.customerNeighbourhood;
  const customer = graph?.nodes.find((node) => node.label === 'Customer');

  return (
    <section class="graph-view" aria-labelledby="graph-title">
      <nav class="breadcrumbs" aria-label="Breadcrumbs">
        <a href={href.customers()}>Customers</a> <span aria-hidden="true">›</span>{' '}
        <a href={href.customer(customerId)}>{customer?.caption ?? customerId}</a> <span aria-hidden="true">›</span>{' '}
        <span>Graph</span>
      </nav>
      <div class="view-head">
        <h1 id="graph-title">Neighbourhood of {customer?.caption ?? customerId}</h1>
        <div class="field inline">
          <label for="touchpoint-count">Latest touchpoints</label>
          <select id="touchpoint-count" value={touchpoints} onChange={(e) => setTouchpoints(Number((e.target as HTMLSelectElement).value))}>
            {[5, 10, 20, 50].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </div>
      {state.status === 'error' && <ErrorNotice error={state.error} retry={reload} />}
      {state.status === 'loading' && !graph && <Loading what="the graph" />}
      {state.status === 'ok' && !graph && <Empty>There is no customer “{customerId}” that you may see.</Empty>}
      {graph && (
        <>
          <Legend labels={[...new Set(graph.nodes.map((node) => node.label))]} />
          <p class="muted small">
            Lines from a touchpoint to a need: green where the need was met, red where it was let down, thicker the
            stronger. Drag to move, scroll to zoom.
          </p>
          <Canvas nodes={graph.nodes} edges={graph.edges} />
          <details class="panel graph-text">
            <summary>
              The graph as text: {graph.nodes.length} nodes, {graph.edges.length} relationships
            </summary>
            <GraphTable nodes={graph.nodes} edges={graph.edges} />
          </details>
        </>
      )}
    </section>
  );
}

function Legend({ labels }: { labels: string[] }) {
  return (
    <ul class="legend graph-legend" aria-label="Legend">
      {labels.map((label) => (
        <li key={label} class="legend-item">
          <span class="swatch" style={{ background: LABEL_COLOURS[label] ?? '#777' }} aria-hidden="true" /> {label}
        </li>
      ))}
    </ul>
  );
}

function elements(nodes: GraphNode[], edges: GraphEdge[]): ElementDefinition[] {
  return [
    ...nodes.map((node) => ({
      data: { id: node.id, label: node.label, caption: node.caption, colour: LABEL_COLOURS[node.label] ?? '#777' },
    })),
    ...edges.map((edge, index) => {
      const fulfilment = edge.type === 'ADDRESSED' ? Number(edge.caption ?? 0) : 0;
      return {
        data: {
          id: `e${index}`,
          source: edge.source,
          target: edge.target,
          type: edge.type,
          // The structural edges (IN, WITH, HAD, ADDRESSED) are read from the
          // node shapes and colours; the others say what they mean.
          text: LABELLED_EDGES.has(edge.type) ? [edge.type, edge.caption].filter(Boolean).join(' ') : '',
          strength: 1 + Math.abs(fulfilment) * 3,
        },
        classes: edge.type === 'ADDRESSED' ? (fulfilment < 0 ? 'let-down' : 'met') : '',
      };
    }),
  ];
}

function Canvas({ nodes, edges }: { nodes: GraphNode[]; edges: GraphEdge[] }) {
  const container = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<Error | null>(null);

  useEffect(() => {
    let cy: Core | null = null;
    let cancelled = false;
    import('cytoscape')
      .then(({ default: cytoscape }) => {
        if (cancelled || !container.current) return;
        cy = cytoscape({
          container: container.current,
          elements: elements(nodes, edges),
          minZoom: 0.2,
          maxZoom: 3,
          style: [
            {
              selector: 'node',
              style: {
                'background-color': 'data(colour)',
                label: 'data(caption)',
                color: '#1d2329',
                'font-size': 10,
                'text-valign': 'bottom',
                'text-margin-y': 3,
                'text-wrap': 'ellipsis',
                'text-max-width': '150px',
                'text-background-color': '#ffffff',
                'text-background-opacity': 0.75,
                'text-background-padding': '1px',
                width: 22,
                height: 22,
              },
            },
            { selector: 'node[label = "Customer"]', style: { width: 40, height: 40, 'font-size': 13, 'font-weight': 'bold' } },
            { selector: 'node[label = "Relationship"]', style: { shape: 'round-rectangle', width: 30, height: 30 } },
            { selector: 'node[label = "Need"]', style: { shape: 'diamond', width: 30, height: 30 } },
            { selector: 'node[label = "Role"]', style: { shape: 'round-triangle', width: 28, height: 28 } },
            { selector: 'node[label = "Organization"]', style: { shape: 'round-rectangle', width: 34, height: 26 } },
            {
              selector: 'edge',
              style: {
                width: 1.4,
                'line-color': '#aab4bd',
                'target-arrow-color': '#aab4bd',
                'target-arrow-shape': 'triangle',
                'arrow-scale': 0.8,
                'curve-style': 'bezier',
                label: 'data(text)',
                'font-size': 8,
                color: '#5b6670',
                'text-rotation': 'autorotate',
                'text-background-color': '#ffffff',
                'text-background-opacity': 0.8,
                'text-background-padding': '1px',
              },
            },
            { selector: 'edge.met', style: { 'line-color': '#7cbf95', 'target-arrow-color': '#7cbf95', width: 'data(strength)' } },
            { selector: 'edge.let-down', style: { 'line-color': '#e0877f', 'target-arrow-color': '#e0877f', width: 'data(strength)' } },
          ],
          // Rings around the customer: what it is in, then what those hold.
          layout: {
            name: 'concentric',
            concentric: (node) => RINGS[String(node.data('label'))] ?? 0,
            levelWidth: () => 1,
            minNodeSpacing: 36,
            spacingFactor: 1.2,
            startAngle: (3 / 2) * Math.PI,
            animate: false,
            padding: 24,
          },
        });
        container.current.dataset['ready'] = 'true';
      })
      .catch((error: unknown) => setFailure(error instanceof Error ? error : new Error(String(error))));
    return () => {
      cancelled = true;
      cy?.destroy();
    };
  }, [nodes, edges]);

  if (failure) return <ErrorNotice error={failure} />;
  return (
    <div
      ref={container}
      class="graph-canvas"
      role="img"
      aria-label={`Graph of ${nodes.length} nodes and ${edges.length} relationships; the same is listed as text below.`}
    />
  );
}

function GraphTable({ nodes, edges }: { nodes: GraphNode[]; edges: GraphEdge[] }) {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const name = (id: string): string => {
    const node = byId.get(id);
    return node ? `${node.label} ${node.caption}` : id;
  };
  return (
    <table class="table">
      <thead>
        <tr>
          <th scope="col">From</th>
          <th scope="col">Relationship</th>
          <th scope="col">To</th>
        </tr>
      </thead>
      <tbody>
        {edges.map((edge, index) => (
          <tr key={index}>
            <td data-label="From">{name(edge.source)}</td>
            <td data-label="Relationship">
              {edge.type}
              {edge.caption ? ` (${humanise(edge.caption)})` : ''}
            </td>
            <td data-label="To">{name(edge.target)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
