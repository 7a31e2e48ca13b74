"""The MLflow pyfunc wrapper of the trained weights (needs mlflow)."""


def pyfunc_model_class():
    import mlflow.pyfunc

    from .model import predict

    class LogisticPyfuncModel(mlflow.pyfunc.PythonModel):
        def load_context(self, context):
            import json

            with open(context.artifacts["weights"], encoding="utf-8") as handle:
                self.weights = json.load(handle)

        def predict(self, context, model_input, params=None):
            rows = model_input.astype(str).to_dict(orient="records")
            return [predict(self.weights, row) for row in rows]

    return LogisticPyfuncModel
