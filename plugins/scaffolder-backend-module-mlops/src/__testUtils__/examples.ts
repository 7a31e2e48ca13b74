import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { parse } from 'yaml';

/** The inputs of every step of the examples that call `actionId`. */
export function exampleInputs(
  examples: TemplateExample[],
  actionId: string,
): Array<{ description: string; input: Record<string, any> }> {
  return examples.flatMap(example =>
    (parse(example.example).steps as Array<{ action: string; input: any }>)
      .filter(step => step.action === actionId)
      .map(step => ({ description: example.description, input: step.input })),
  );
}

/** A valid MLModel like the templates generate, as YAML. */
export const modelYaml = (spec: Record<string, unknown> = {}) => `
apiVersion: mlops-portal.io/v1alpha1
kind: MLModel
metadata:
  name: card-fraud-scorer
spec:
  type: classification
  lifecycle: experimental
  owner: group:default/fraud-ml
  riskTier: high
  version: "0.1.0"
  features:
    - { name: amount, type: numerical }
    - { name: merchant_category, type: categorical }
  slos:
    - name: availability
      objective: 0.999
      window: 28d
      indicator:
        ratio:
          bad: sum(rate(model_requests_total{model="card-fraud-scorer",code=~"5.."}[{{window}}]))
          total: sum(rate(model_requests_total{model="card-fraud-scorer"}[{{window}}]))
${Object.entries(spec)
  .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)
  .join('\n')}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: card-fraud-scorer-server
spec:
  type: service
  lifecycle: experimental
  owner: group:default/fraud-ml
`;
