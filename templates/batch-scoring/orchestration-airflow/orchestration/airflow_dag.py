"""Airflow DAG for ${{ values.name }}: one run per day, scoring that day's partition.

``catchup=True`` makes Airflow create a run for every missed interval, and the
job is idempotent per partition, so a backfill is an Airflow command:

    airflow dags backfill ${{ values.name | replace("-", "_") }}_scoring -s 2026-01-01 -e 2026-01-31

Each run scores the partition of its logical date (``ds``), whatever day it
actually executes on.
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator

with DAG(
    dag_id="${{ values.name | replace("-", "_") }}_scoring",
    description="Batch scoring for mlmodel:${{ values.namespace }}/${{ values.name }}",
    schedule="${{ values.schedule }}",
    start_date=datetime(2026, 1, 1),
    catchup=True,
    max_active_runs=4,
    default_args={
        "owner": "${{ values.owner }}",
        "retries": 2,
        "retry_delay": timedelta(minutes=10),
    },
    tags=["mlops", "batch-scoring"],
) as dag:
    KubernetesPodOperator(
        task_id="score_partition",
        name="${{ values.name }}-scoring",
        namespace="${{ values.k8sNamespace }}",
        image="${{ values.image }}:${{ values.version }}",
        arguments=["run", "--date", "{{ ds }}"],
        env_vars={
            "SCORING_INPUT": "/data/input",
            "SCORING_OUTPUT": "/data/output",
            "SCORING_METRICS_FILE": "/metrics/${{ values.name }}.prom",
        },
        get_logs=True,
    )
