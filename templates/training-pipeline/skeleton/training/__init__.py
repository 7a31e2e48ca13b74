"""Training pipeline for ${{ values.name }}."""
