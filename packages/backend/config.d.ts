export interface Config {
  mlops?: {
    /**
     * Who holds which rights in the demo portal's permission policy, as
     * group entity refs such as `group:default/ml-reviewers`.
     */
    permissions?: {
      /** May sign off readiness reviews. */
      reviewerGroups?: string[];
      /** May promote and abort canaries. */
      rolloutGroups?: string[];
      /** Platform administrators: delete entities and locations, override gates. */
      adminGroups?: string[];
    };
  };
}
