import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  mlops?: {
    /**
     * Production-readiness reviews. Every setting is optional; what is left
     * out keeps the default of the readiness engine. Validated strictly at
     * start-up: an unknown setting or a bad value stops the backend with an
     * error naming the offending path.
     */
    readiness?: {
      /** Group whose members give the security approval. Default `group:default/security-reviewers`. */
      securityGroup?: string;
      /**
       * Approvals per risk tier: a number changes only the count; an object
       * can also switch the security approval on or off.
       */
      approvals?: {
        low?: number | { count?: number; securityApproval?: boolean };
        medium?: number | { count?: number; securityApproval?: boolean };
        high?: number | { count?: number; securityApproval?: boolean };
        critical?: number | { count?: number; securityApproval?: boolean };
      };
      /** How long an approval stays valid: `<n>m`, `<n>h`, `<n>d` or `<n>w`. Default `90d`. */
      approvalValidity?: string;
      /** Risk tier of models without `spec.riskTier`. Default `medium`. */
      defaultTier?: 'low' | 'medium' | 'high' | 'critical';
      /**
       * Model card sections the `model-card` check requires, per tier: summary,
       * intendedUse, outOfScopeUse, limitations, ethicalConsiderations,
       * trainingData, evaluation, caveats. An empty list makes the check not applicable.
       */
      modelCardSections?: {
        low?: string[];
        medium?: string[];
        high?: string[];
        critical?: string[];
      };
      /** Additional checks; always manual (attested with evidence). */
      checks?: Array<{
        /** Kebab-case id, unique among all checks. */
        id: string;
        title: string;
        /** Why the check matters, shown next to it. */
        why: string;
        category:
          | 'reliability'
          | 'monitoring'
          | 'governance'
          | 'security'
          | 'documentation';
        kind?: 'manual';
        tiers: Array<'low' | 'medium' | 'high' | 'critical'>;
        /** Default true; optional checks never block approval. */
        required?: boolean;
      }>;
      /** Ids of built-in or added checks to leave out. */
      disable?: string[];
      /** Per check id: a different tier list, optionality, title, explanation or category. */
      overrides?: {
        [checkId: string]: {
          tiers?: Array<'low' | 'medium' | 'high' | 'critical'>;
          required?: boolean;
          title?: string;
          why?: string;
          category?:
            | 'reliability'
            | 'monitoring'
            | 'governance'
            | 'security'
            | 'documentation';
        };
      };
      /** Alias of `mlops.demo.seedReviews`. Demo portals only. */
      demoSeed?: boolean;
    };

    /** When the automatic checks of open and approved reviews are re-evaluated. */
    readinessRefresh?: {
      /** Default: every 10 minutes, 5 minute timeout, first run 1 minute after start. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };

    demo?: {
      /**
       * Seeds readiness reviews in several states for the demo catalog's
       * models when the review store is empty. Demo portals only.
       */
      seedReviews?: boolean;
      /**
       * Seeds drift references and fourteen daily windows for demo models
       * when the drift store is empty (the card fraud detector drifts).
       * Demo portals only.
       */
      seedDrift?: boolean;
      /**
       * Seeds 30 days of 5-minute SLI counts into the built-in SLO store for
       * demo models on the builtin provider, and keeps adding intervals while
       * the demo runs (one model burns fast, one recovers, one burns more and
       * more, the rest are healthy). Demo portals only.
       */
      seedSlos?: boolean;
      /**
       * Demo portals only: an HTTPS Kubernetes API emulator with the demo
       * catalog's Rollouts and InferenceServices, started by the demo
       * backend's module (packages/backend). Point a cluster of
       * kubernetes.clusterLocatorMethods at it.
       */
      kubernetesEmulator?: {
        enabled?: boolean;
        /** Default 7443 (listens on 127.0.0.1). */
        port?: number;
        /**
         * The bearer token the emulator requires.
         * @visibility secret
         */
        token?: string;
        /** Where its CA and server certificate are kept (relative to the backend's working directory). */
        certificateDirectory?: string;
        /** How often the simulated controllers move canaries on. Default 3000. */
        controllerIntervalMs?: number;
      };
    };

    /** Data drift: size limits of uploads and the dataset verdict. */
    drift?: {
      /** Largest request body of a reference or window upload, in bytes. Default 10485760 (10 MiB). */
      maxBodyBytes?: number;
      /** Most rows of raw data in one upload. Default 100000. */
      maxRows?: number;
      /** Most distinct categories of one categorical feature. Default 1000. */
      maxCategories?: number;
      /** Most cut points of one numerical feature in a pre-aggregated profile. Default 1000. */
      maxBins?: number;
      /** Share of drifted features at or above which a window is flagged as drifted. Default 0.5. */
      driftShare?: number;
    };

    /** SLOs: where SLI data comes from, how often statuses are computed, the alert windows. */
    slo?: {
      /**
       * Provider of models without the `mlops-portal.io/slo-provider`
       * annotation: `builtin` (the portal's own store, fed by
       * `POST /api/mlops/slo/:namespace/:name/measurements`) or `prometheus`.
       * Default `builtin`.
       */
      defaultProvider?: 'builtin' | 'prometheus';
      /** The Prometheus HTTP API; without it, models on `prometheus` report that it is not configured. */
      prometheus?: {
        /** Base URL without `/api/v1`, e.g. `https://prometheus.example.com`. http or https, no credentials in it. */
        url: string;
        /**
         * Headers sent with every query, e.g. `Authorization: Bearer ${PROMETHEUS_TOKEN}`
         * or a tenant header for Thanos/Mimir.
         * @visibility secret
         */
        headers?: { [name: string]: string };
      };
      /** When every model's SLO status is computed into the cache. Default: every 5 minutes. */
      refreshSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Long/short window pairs of the multi-window, multi-burn-rate alerts.
       * Default: the SRE workbook's 30-day table (1h/5m 14.4 and 6h/30m 6 page;
       * 1d/2h 3 and 3d/6h 1 open a ticket).
       */
      alertWindows?: Array<{
        long: string;
        short: string;
        factor: number;
        severity: 'page' | 'ticket';
      }>;
    };

    /** The canary panel. Clusters come from kubernetes.clusterLocatorMethods. */
    rollout?: {
      /**
       * How long the Models page's rollout column reuses what it read from
       * a cluster, per workload. Default 30.
       */
      summaryCacheSeconds?: number;
      /**
       * Where the canary panel's canary-vs-stable error rate and latency
       * come from, before the canary's AnalysisRuns.
       */
      canaryMetrics?: {
        prometheus?: {
          /** Base URL of the Prometheus HTTP API (without /api/v1), http(s) without credentials. */
          url: string;
          /**
           * Sent with every query, e.g. Authorization.
           * @visibility secret
           */
          headers?: { [name: string]: string };
          /** PromQL for the ratio of failed requests (0–1) of one revision; {{namespace}}, {{name}}, {{revision}} are filled in. */
          errorRateQuery?: string;
          /** PromQL for the p95 latency in milliseconds of one revision. */
          latencyP95MsQuery?: string;
        };
      };
    };
  };
}
