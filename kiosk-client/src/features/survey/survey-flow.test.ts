import type { CommandRequest, ConsultationId } from '@madoguchi/shared';
import { describe, expect, it, vi } from 'vitest';
import { SurveyFlow } from './survey-flow.ts';

const CONSULTATION = '6f1c7f3e-8a3b-4e43-9a55-3b4a0f8e2c11' as ConsultationId;

const setUp = () => {
  const answers: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  const submit = vi.fn(
    (_answer: CommandRequest<'survey:submit'>) =>
      new Promise<void>((resolve, reject) => answers.push({ resolve, reject })),
  );
  const survey = new SurveyFlow({ submit, onChange: vi.fn() });
  survey.begin(CONSULTATION);
  const answer = async (isOk = true) => {
    const next = answers.shift();
    if (isOk) next?.resolve();
    else next?.reject(new Error('not connected'));
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { survey, submit, answer };
};

describe('SurveyFlow', () => {
  it('sends a rating on one tap and goes on to the comment once the server has it', async () => {
    const kiosk = setUp();
    const rating = kiosk.survey.rate(4);
    expect(kiosk.survey.state).toMatchObject({ step: 'rating', isSending: true });
    void kiosk.survey.rate(1);
    await kiosk.answer();
    await rating;
    expect(kiosk.submit.mock.calls).toEqual([[{ consultationId: CONSULTATION, rating: 4 }]]);
    expect(kiosk.survey.state).toMatchObject({ step: 'comment', rating: 4, isSending: false });
  });

  it('lets a failed tap be tried again', async () => {
    const kiosk = setUp();
    const rating = kiosk.survey.rate(2);
    await kiosk.answer(false);
    await rating;
    expect(kiosk.survey.state).toMatchObject({
      step: 'rating',
      rating: null,
      hasFailed: true,
      isSending: false,
    });
  });

  it('sends the comment with the rating again, trimmed; a blank one sends nothing', async () => {
    const kiosk = setUp();
    const rating = kiosk.survey.rate(5);
    await kiosk.answer();
    await rating;
    await expect(kiosk.survey.comment('   ')).resolves.toBe(true);
    expect(kiosk.submit).toHaveBeenCalledOnce();
    const commenting = kiosk.survey.comment('  very kind  ');
    await kiosk.answer(false);
    await expect(commenting).resolves.toBe(true);
    expect(kiosk.submit.mock.calls[1]).toEqual([
      { consultationId: CONSULTATION, rating: 5, comment: 'very kind' },
    ]);
  });

  it('has no comment without a rating, and goes back from the comment to the ratings', async () => {
    const kiosk = setUp();
    await expect(kiosk.survey.comment('hello')).resolves.toBe(false);
    expect(kiosk.survey.back()).toBe(false);
    const rating = kiosk.survey.rate(3);
    await kiosk.answer();
    await rating;
    expect(kiosk.survey.back()).toBe(true);
    expect(kiosk.survey.state).toMatchObject({ step: 'rating', rating: 3 });
  });

  it('changes nothing when an answer comes back after the survey went', async () => {
    const kiosk = setUp();
    const rating = kiosk.survey.rate(5);
    kiosk.survey.clear();
    await kiosk.answer();
    await rating;
    expect(kiosk.survey.state).toBeNull();
  });
});
