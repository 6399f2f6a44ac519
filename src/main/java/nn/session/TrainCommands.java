package nn.session;

import java.util.List;

/** init, data, train, freeze, unfreeze, evaluate, predict, plot, gradcheck, save (the training feature). */
final class TrainCommands {
    private TrainCommands() { }

    static final List<Command<?>> TABLE = List.of();
}
