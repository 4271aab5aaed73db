"""Rank the policies of an EMA Workbench study with pathchoice, with SMAA over its scenarios.

EMA Workbench (exploratory modelling and analysis, Kwakkel 2017) runs a policy model for
every combination of a policy and a scenario of the uncertain inputs. Here the model is
a small stand-in: ten years of car travel in a city under a carbon tax, an electric-car
subsidy and public-transport investment, with four uncertain inputs (demand growth, how
strongly travel responds to its price, how fast electric cars get cheaper, the fuel
price). Each run gives four outcomes: emissions, net public cost and household travel
cost (less is better) and trips served by public transport (more is better).

pathchoice turns the runs into a decision model (the median of each outcome over the
scenarios) plus one performance table per scenario, ranks the five policies with TOPSIS
and the weights below, then asks with SMAA how often each policy is first across the
scenarios — with the weights fixed, and with the weights uncertain around them.

Needs the ema extra: pip install "pathchoice[ema]".
Run: python examples/ema_workbench_policies.py
"""

import logging

import numpy as np
from ema_workbench import Model, Policy, RealParameter, ScalarOutcome, perform_experiments

from pathchoice import topsis
from pathchoice.outcomes import from_outcomes
from pathchoice.sensitivity import DirichletSampler, FixedWeights, smaa

YEARS = 10
N_SCENARIOS = 200


def city_transport(
    demand_growth=0.02,
    elasticity=0.3,
    ev_learning=0.06,
    transit_uptake=0.6,
    fuel_price=1.8,
    carbon_tax=0.0,
    ev_subsidy=0.0,
    transit_investment=0.0,
):
    """The stand-in policy model: uncertainties and levers in, four outcomes out.

    Car trips grow with demand and fall with their price (fuel plus carbon tax, with a
    constant price elasticity); public-transport investment moves trips to buses and
    trains, as many as the uncertain uptake says; electric cars take a share of the car
    trips that rises as they get cheaper than petrol cars (the learning rate), and as the
    subsidy and the tax close the gap. The subsidy is paid for every electric car, also
    for those that would have been bought without it.
    """
    years = np.arange(1, YEARS + 1)
    demand = 100.0 * (1 + demand_growth) ** years  # million trips per day, all modes
    price = fuel_price + carbon_tax * 0.0024  # euro per litre; 2.4 kg CO2 per litre
    shift = np.minimum(0.15 * transit_uptake * transit_investment * years / YEARS, 0.4)
    car_trips = demand * (0.7 - shift) * (price / fuel_price) ** (-elasticity)
    gap = 8000.0 * (1 - ev_learning) ** years - ev_subsidy - 15.0 * carbon_tax  # euro
    ev_share = 0.05 + 0.9 / (1 + np.exp(gap / 1500.0))
    emissions = float(np.sum(car_trips * (1 - ev_share)) * 0.9)  # kt CO2
    tax_revenue = carbon_tax * emissions / 1000.0
    subsidy_spent = ev_subsidy * float(np.sum(ev_share * car_trips)) / 1e4
    public_cost = subsidy_spent + 300.0 * transit_investment - tax_revenue  # million euro
    household_cost = float(np.mean(car_trips * price * (1 - 0.5 * ev_share)))
    transit_trips = float(np.sum(demand - car_trips))
    return {
        "emissions": emissions,
        "public_cost": public_cost,
        "household_cost": household_cost,
        "transit_trips": transit_trips,
    }


def ema_model() -> Model:
    model = Model("city", function=city_transport)
    model.uncertainties = [
        RealParameter("demand_growth", 0.0, 0.04),
        RealParameter("elasticity", 0.05, 0.8),
        RealParameter("ev_learning", 0.0, 0.15),
        RealParameter("transit_uptake", 0.2, 1.0),
        RealParameter("fuel_price", 1.2, 2.4),
    ]
    model.levers = [
        RealParameter("carbon_tax", 0, 200),
        RealParameter("ev_subsidy", 0, 6000),
        RealParameter("transit_investment", 0, 2),
    ]
    model.outcomes = [
        ScalarOutcome("emissions", kind=ScalarOutcome.MINIMIZE),
        ScalarOutcome("public_cost", kind=ScalarOutcome.MINIMIZE),
        ScalarOutcome("household_cost", kind=ScalarOutcome.MINIMIZE),
        ScalarOutcome("transit_trips", kind=ScalarOutcome.MAXIMIZE),
    ]
    return model


POLICIES = [
    Policy("business as usual", carbon_tax=0, ev_subsidy=0, transit_investment=0),
    Policy("carbon tax", carbon_tax=150, ev_subsidy=0, transit_investment=0),
    Policy("electric-car subsidy", carbon_tax=0, ev_subsidy=5000, transit_investment=0),
    Policy("public transport", carbon_tax=0, ev_subsidy=0, transit_investment=1.5),
    Policy("mix", carbon_tax=80, ev_subsidy=2500, transit_investment=0.8),
]

WEIGHTS = {"emissions": 0.45, "public_cost": 0.1, "household_cost": 0.25, "transit_trips": 0.2}


def main() -> None:
    logging.getLogger("EMA").setLevel(logging.WARNING)
    # EMA Workbench's Latin hypercube sampler draws from numpy's global generator.
    np.random.seed(2017)  # noqa: NPY002
    experiments, results = perform_experiments(
        ema_model(), scenarios=N_SCENARIOS, policies=POLICIES
    )
    print(
        f"EMA Workbench ran {len(experiments)} experiments: "
        f"{len(POLICIES)} policies × {N_SCENARIOS} scenarios"
    )

    outcomes = from_outcomes(
        (experiments, results),
        directions={
            "emissions": "cost",
            "public_cost": "cost",
            "household_cost": "cost",
            "transit_trips": "benefit",
        },
        name="city transport",
    )
    print(f"\nMedian outcome of each policy over the {len(outcomes.scenarios)} scenarios")
    print(outcomes.model.performance.round(1).to_string())

    ranking = topsis(outcomes.model, WEIGHTS)
    print(
        "\nTOPSIS ranking of the policies (median outcomes, weights "
        + ", ".join(f"{k} {v:g}" for k, v in WEIGHTS.items())
        + ")"
    )
    print(ranking.to_frame().sort_values("rank").to_string(float_format="{:.3f}".format))

    fixed = smaa(
        outcomes.model, FixedWeights(outcomes.model, WEIGHTS), performance=outcomes.samples, rng=1
    )
    around = smaa(
        outcomes.model,
        DirichletSampler.around(outcomes.model, WEIGHTS, concentration=30),
        performance=outcomes.samples,
        rng=1,
    )
    table = fixed.to_frame()[["first_rank_acceptability", "expected_rank"]]
    table.columns = ["first, fixed weights", "expected rank, fixed weights"]
    table["first, uncertain weights"] = around.first_rank_acceptability
    table = table.sort_values("first, fixed weights", ascending=False)
    print("\nSMAA over the scenarios: share of scenarios in which each policy is first")
    print(table.to_string(float_format="{:.2f}".format))
    best = table.index[0]
    print(
        f"\nMost often first across the scenarios: {best} "
        f"({table.iloc[0, 0]:.0%} of scenarios with the weights fixed)"
    )


if __name__ == "__main__":
    main()
