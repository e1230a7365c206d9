import numpy as np

from grounding.train.calibrate import expected_calibration_error, fit_temperature, nll, scaled


def overconfident_sample(n=4000, true_temperature=2.5, seed=0):
    rng = np.random.default_rng(seed)
    logits = rng.normal(0, 2.0, size=(n, 3))
    true = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    gold = np.array([rng.choice(3, p=row) for row in true])
    sharpened = scaled(true, 1.0 / true_temperature)  # the model is 2.5x too confident
    return sharpened, gold


def test_temperature_recovers_overconfidence_and_lowers_ece():
    probabilities, gold = overconfident_sample()
    temperature = fit_temperature(probabilities, gold)
    assert 2.0 < temperature < 3.1
    calibrated = scaled(probabilities, temperature)
    assert nll(calibrated, gold) < nll(probabilities, gold)
    assert expected_calibration_error(calibrated, gold) < expected_calibration_error(probabilities, gold) / 2


def test_scaling_keeps_every_prediction():
    probabilities, _ = overconfident_sample(200)
    assert (scaled(probabilities, 3.0).argmax(axis=1) == probabilities.argmax(axis=1)).all()
