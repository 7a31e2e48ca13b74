"""Batch scoring job for ${{ values.name }}."""
