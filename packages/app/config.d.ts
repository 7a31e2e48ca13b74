export interface Config {
  /** Demo portal settings. */
  demo?: {
    signIn?: {
      /**
       * The catalog users a visitor may sign in as, with a line saying who
       * they are, shown on the sign-in page.
       * @visibility frontend
       */
      users?: Array<{
        /** @visibility frontend */
        name: string;
        /** @visibility frontend */
        title: string;
        /** @visibility frontend */
        description: string;
      }>;
    };
  };
}
