"""HTTP model server for ${{ values.name }}."""
