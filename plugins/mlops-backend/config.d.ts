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
    };
  };
}
