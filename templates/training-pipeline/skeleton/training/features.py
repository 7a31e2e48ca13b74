"""The model's declared features (catalog-info.yaml, spec.features)."""

FEATURES = {
{%- for f in values.features %}
    ${{ f.name | dump }}: ${{ f.type | dump }},
{%- endfor %}
}
MODEL_NAME = ${{ values.name | dump }}
