import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import { RolloutState, RolloutStep } from '@mlops-portal/plugin-mlops-common';

function describeStep(step: RolloutStep): string {
  switch (step.type) {
    case 'setWeight':
      return `Weight ${step.weight}%`;
    case 'pause':
      return step.duration ? `Pause ${step.duration}` : 'Pause';
    case 'analysis':
      return step.templates?.length
        ? `Analysis (${step.templates.join(', ')})`
        : 'Analysis';
    default:
      return 'Step';
  }
}

/** Where an Argo Rollouts canary is among its steps. */
export function StepProgress(props: { state: RolloutState }) {
  const { step, steps } = props.state;
  if (!step || steps.length === 0) return null;
  const done = step.index >= step.count;
  return (
    <>
      <Typography variant="body2" data-testid="step-progress">
        {done
          ? `All ${step.count} steps done`
          : `Step ${step.index + 1} of ${step.count}: ${describeStep(
              steps[step.index],
            )}`}
      </Typography>
      <Stepper
        activeStep={step.index}
        alternativeLabel
        style={{ padding: '8px 0', background: 'transparent' }}
      >
        {steps.map((s, i) => (
          <Step key={i} completed={i < step.index}>
            <StepLabel>{describeStep(s)}</StepLabel>
          </Step>
        ))}
      </Stepper>
    </>
  );
}
