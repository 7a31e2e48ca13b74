import { MLModelEntityV1alpha1 } from '@mlops-portal/plugin-mlops-common';
import { cardFraudDetector } from '../__testUtils__/fixtures';
import { openSloFileUrl, resolveSloDefinitions } from './resolveSloDefinitions';

const OPENSLO = `apiVersion: openslo/v1
kind: SLO
metadata: { name: availability }
spec:
  indicator:
    metadata: { name: errors }
    spec:
      ratioMetric:
        bad: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(e[{{window}}]))' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(t[{{window}}]))' } } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  objectives: [{ target: 0.999 }]
`;

function withFile(
  path: string,
  location = 'url:https://github.com/northwind/fraud/blob/main/catalog-info.yaml',
): MLModelEntityV1alpha1 {
  const model = cardFraudDetector();
  model.metadata.annotations = {
    'backstage.io/managed-by-location': location,
    'mlops-portal.io/openslo-file': path,
  };
  return model;
}

function reader(text: string) {
  return {
    readUrl: jest.fn(
      async () => ({ buffer: async () => Buffer.from(text) } as any),
    ),
  };
}

describe('resolveSloDefinitions', () => {
  it('uses spec.slos without the annotation', async () => {
    const urlReader = reader('');
    expect(await resolveSloDefinitions(cardFraudDetector(), urlReader)).toEqual(
      {
        source: 'entity',
        slos: cardFraudDetector().spec.slos,
      },
    );
    expect(urlReader.readUrl).not.toHaveBeenCalled();
  });

  it('reads the OpenSLO file next to the entity file through the URL reader', async () => {
    const urlReader = reader(OPENSLO);
    const resolved = await resolveSloDefinitions(
      withFile('slo/openslo.yaml'),
      urlReader,
    );
    expect(urlReader.readUrl).toHaveBeenCalledWith(
      'https://github.com/northwind/fraud/blob/main/slo/openslo.yaml',
    );
    expect(resolved.source).toBe('openslo-file');
    expect(resolved.slos).toEqual([
      expect.objectContaining({
        name: 'availability',
        objective: 0.999,
        window: '28d',
      }),
    ]);
  });

  it('refuses paths that could make the backend fetch other URLs', () => {
    expect(() =>
      openSloFileUrl(
        withFile('https://evil.example/x.yaml'),
        'https://evil.example/x.yaml',
      ),
    ).toThrow(/must be a path relative to the entity file/);
    expect(() =>
      openSloFileUrl(
        withFile('../other-repo/slo.yaml'),
        '../other-repo/slo.yaml',
      ),
    ).toThrow(/must not leave the entity file's directory/);
    expect(() =>
      openSloFileUrl(
        withFile('slo.yaml', 'file:/tmp/catalog-info.yaml'),
        'slo.yaml',
      ),
    ).toThrow(/needs the entity to come from a URL location/);
  });

  it('names the file and the problem when it cannot be used', async () => {
    await expect(
      resolveSloDefinitions(withFile('slo.yaml'), reader('a: [1')),
    ).rejects.toThrow(
      /The OpenSLO file https:\/\/github\.com\/northwind\/fraud\/blob\/main\/slo\.yaml is not valid YAML \(document 1\)/,
    );
    await expect(
      resolveSloDefinitions(
        withFile('slo.yaml'),
        reader(OPENSLO.replace('0.999', '99.9')),
      ),
    ).rejects.toThrow(
      'The OpenSLO file https://github.com/northwind/fraud/blob/main/slo.yaml: document 1 (SLO availability): spec.objectives[0].target must be strictly between 0 and 1 (got 99.9)',
    );
    // The same rule and words as spec.slos[0].window in an entity.
    await expect(
      resolveSloDefinitions(
        withFile('slo.yaml'),
        reader(OPENSLO.replace('duration: 28d', 'duration: 30days')),
      ),
    ).rejects.toThrow(
      'The OpenSLO file https://github.com/northwind/fraud/blob/main/slo.yaml: document 1 (SLO availability): spec.timeWindow[0].duration must be a window such as 7d, 28d, 30d (rolling) or 1w, 1M, 1Q (calendar) (got "30days")',
    );
    const failing = {
      readUrl: jest.fn(async () => {
        throw new Error('404 Not Found');
      }),
    };
    await expect(
      resolveSloDefinitions(withFile('slo.yaml'), failing),
    ).rejects.toThrow(
      'The OpenSLO file https://github.com/northwind/fraud/blob/main/slo.yaml could not be read: 404 Not Found',
    );
  });
});
